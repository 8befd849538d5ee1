/** Catalogue of the SQL export (rule-set bar). Chinese first; both complete. */
const zh = {
  sql: {
    title: '导出 SQL',
    dialect: 'SQL 方言',
    lists: '标签列表的存储方式',
    listsArray: '数组列',
    listsString: '用分隔符连接的文本',
    separator: '分隔符',
    table: '客户表名',
    download: '下载 SQL',
    downloaded: '已导出 {count} 条语句（截至 {asOf}）。',
    refused: '以下规则无法精确转换为 SQL，未导出：',
    noDataset: '请先选择一个客户数据集。',
    note: '派生字段按客户表中的列读取；缺失值为 NULL，除“为空”外不满足任何条件。',
  },
}

const en: typeof zh = {
  sql: {
    title: 'Export SQL',
    dialect: 'SQL dialect',
    lists: 'Tag lists are stored as',
    listsArray: 'array columns',
    listsString: 'text joined by a separator',
    separator: 'Separator',
    table: 'Customer table name',
    download: 'Download SQL',
    downloaded: '{count} statements exported (as of {asOf}).',
    refused: 'These rules cannot be translated to SQL exactly and were left out:',
    noDataset: 'Choose a customer dataset first.',
    note: 'Derived fields are read as columns of the customer table; a missing value is NULL and fails every condition except “is empty”.',
  },
}

export const sqlMessages = { 'zh-CN': zh, en }
