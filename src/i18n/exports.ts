/**
 * Catalogue of the export dialog (assignments of a flow, members of a segment). Chinese first; both complete.
 * `@` and `|` are vue-i18n syntax (linked message, plural): written as literals {'@'} and {'|'}.
 */
const zh = {
  exports: {
    assignmentsButton: '导出分配',
    membersButton: '导出成员',
    assignmentsTitle: '导出分配：{name}',
    membersTitle: '导出成员：{name}',
    format: '文件格式',
    csv: 'CSV（UTF-8，Excel 可直接打开）',
    csvGbk: 'CSV（GBK，旧版软件用）',
    xlsx: 'Excel 工作簿（.xlsx）',
    columns: '导出的列',
    idAlways: '{field}（客户编号，总在第一列）',
    selectAll: '全选',
    selectNone: '全不选',
    assignmentsNote: '每位到达动作的客户一行：客户编号、动作、分支路径。分流与动作卡片上的人数按同样的规则计算。缺失值不满足任何条件（“为空”除外），这些客户走“其他客户”分支。',
    membersNote: '分群的每位成员一行，客户编号在第一列。缺失值写为空单元格；标签列表用 {\'|\'} 连接。',
    safety: '以 =、+、-、{\'@\'}、制表符或回车开头的文字会加上前导单引号，防止在表格软件中被当作公式执行。',
    export: '导出',
    close: '关闭',
    building: '正在生成文件…',
    done: '已导出 {rows} 行到 {file}。',
    perAction: '各动作人数',
    actionCount: '{name}：{count}',
    failed: '导出失败：{message}',
    gbkCell: '第 {row} 行的“{field}”含有 GBK 无法表示的字符“{char}”（U+{code}）。请改用 UTF-8 CSV 或 Excel 格式导出。',
    noDataset: '请先选择数据集。',
    colAction: '动作',
    colPath: '分支路径',
    elseBranch: '其他客户',
  },
}

const en: typeof zh = {
  exports: {
    assignmentsButton: 'Export assignments',
    membersButton: 'Export members',
    assignmentsTitle: 'Export assignments: {name}',
    membersTitle: 'Export members: {name}',
    format: 'File format',
    csv: 'CSV (UTF-8, opens in Excel)',
    csvGbk: 'CSV (GBK, for older software)',
    xlsx: 'Excel workbook (.xlsx)',
    columns: 'Columns to export',
    idAlways: '{field} (customer id, always first)',
    selectAll: 'Select all',
    selectNone: 'Select none',
    assignmentsNote: 'One row per customer who reaches an action: customer id, action, branch path. Counted by the same rules as the numbers on the flow. A missing value fails every condition except "is empty", so such customers take the "everyone else" branch.',
    membersNote: 'One row per member of the segment, the customer id first. Missing values are empty cells; tag lists are joined with {\'|\'}.',
    safety: 'Text starting with =, +, -, {\'@\'}, tab or carriage return gets a leading apostrophe so that spreadsheets never run it as a formula.',
    export: 'Export',
    close: 'Close',
    building: 'Building the file…',
    done: 'Exported {rows} rows to {file}.',
    perAction: 'Customers per action',
    actionCount: '{name}: {count}',
    failed: 'Export failed: {message}',
    gbkCell: 'Row {row}, field “{field}” holds “{char}” (U+{code}), which GBK cannot encode. Export as UTF-8 CSV or Excel instead.',
    noDataset: 'Choose a dataset first.',
    colAction: 'Action',
    colPath: 'Branch path',
    elseBranch: 'Everyone else',
  },
}

export const exportsMessages = { 'zh-CN': zh, en }
