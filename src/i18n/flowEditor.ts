/** Catalogue of the flow editor's canvas tools (toolbar, palette drag, history, clipboard, layout). Chinese first; both complete. */
const zh = {
  flowEditor: {
    toolbar: '画布工具',
    undo: '撤销',
    redo: '重做',
    undoHint: '撤销（Ctrl+Z）',
    redoHint: '重做（Ctrl+Shift+Z）',
    layout: '自动布局',
    layoutHint: '按连线从左到右重新排列节点',
    fit: '适应画布',
    zoomIn: '放大',
    zoomOut: '缩小',
    copy: '复制所选节点',
    paste: '粘贴节点',
    copied: '已复制 {n} 个节点',
    pasted: '已粘贴 {n} 个节点',
    nothingToCopy: '先选择要复制的节点（入口节点不能复制）。',
    dragHint: '把节点拖到画布上，或按按钮把它加到所选节点右侧。',
    dragNode: '拖动以添加：{kind}',
    minimap: '策略流缩略图',
    nodeIssues: '此节点的问题',
    keyboardHelp: '快捷键：Ctrl+Z 撤销，Ctrl+Shift+Z 重做，Ctrl+C 复制，Ctrl+V 粘贴，Delete 删除。',
    templates: {
      choose: '策略流模板',
      create: '从模板新建',
      created: '已从模板创建“{name}”。',
      problems: '当前数据集缺少模板需要的字段：{roles}。可在“分析 → 模板”里手动对应字段，或换一个数据集。',
      rfmHint: 'RFM 价值分类（每类一个动作）需要数据集的平均值：请在“分析 → RFM 价值分类”里点“创建策略流”。',
      hotel: {
        name: '酒店：商务客住三晚送一晚，自费客推折扣房',
        actions: { business: '商务客：住三晚送一晚', selfPay: '自费客：折扣房' },
        offers: { business: '住三晚送一晚，积分归个人所有', selfPay: '自费预订客房享会员折扣价' },
        else: '其他客人：常规关怀',
        elseOffer: '入住提醒与会员权益介绍',
      },
      lifecycle: {
        name: '生命周期挽回',
        actions: { new: '新客欢迎', active: '活跃客户：会员日提醒', atRisk: '流失风险：回归优惠券', lost: '已流失：电话召回', never: '未购买：首单礼' },
        offers: { new: '欢迎加入，首单后送积分', active: '会员日专享优惠提醒', atRisk: '限时回归优惠券', lost: '客服电话回访，了解原因并送关怀礼', never: '首单立减券' },
        else: '其他客户：暂不触达',
        elseOffer: '',
      },
    },
  },
}

const en: typeof zh = {
  flowEditor: {
    toolbar: 'Canvas tools',
    undo: 'Undo',
    redo: 'Redo',
    undoHint: 'Undo (Ctrl+Z)',
    redoHint: 'Redo (Ctrl+Shift+Z)',
    layout: 'Auto-layout',
    layoutHint: 'Arrange the nodes left to right along the edges',
    fit: 'Fit view',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    copy: 'Copy selected nodes',
    paste: 'Paste nodes',
    copied: '{n} node(s) copied',
    pasted: '{n} node(s) pasted',
    nothingToCopy: 'Select the nodes to copy first (the entry cannot be copied).',
    dragHint: 'Drag a node onto the canvas, or press its button to add it right of the selected node.',
    dragNode: 'Drag to add: {kind}',
    minimap: 'Flow overview',
    nodeIssues: 'Problems of this node',
    keyboardHelp: 'Shortcuts: Ctrl+Z undo, Ctrl+Shift+Z redo, Ctrl+C copy, Ctrl+V paste, Delete removes.',
    templates: {
      choose: 'Flow template',
      create: 'New from template',
      created: 'Created “{name}” from the template.',
      problems: 'The current dataset lacks fields the template needs: {roles}. Map them by hand in Analysis → Templates, or use another dataset.',
      rfmHint: 'RFM value classes (one action per class) need the dataset\'s means: use “Create a flow” in Analysis → RFM value classes.',
      hotel: {
        name: 'Hotel: stay 3 get 1 for business travellers, discounted rooms for self-payers',
        actions: { business: 'Business: stay 3 nights, get 1 free', selfPay: 'Self-payer: discounted rooms' },
        offers: { business: 'Stay 3 nights, get 1 free — points are yours to keep', selfPay: 'Member price on rooms you book yourself' },
        else: 'Other guests: regular care',
        elseOffer: 'Stay reminders and member benefits',
      },
      lifecycle: {
        name: 'Lifecycle win-back',
        actions: { new: 'Welcome new customers', active: 'Active: member-day reminder', atRisk: 'At risk: come-back coupon', lost: 'Lost: win-back call', never: 'Never bought: first-order gift' },
        offers: { new: 'Welcome — points after your first order', active: 'Member-day offer reminder', atRisk: 'Limited-time come-back coupon', lost: 'A call to ask why, with a care gift', never: 'First-order discount' },
        else: 'Other customers: no contact for now',
        elseOffer: '',
      },
    },
  },
}

/** Issue messages of the checks counted in the worker, merged into `flows.issues`. */
const zhIssues = {
  overlapping_branches: '分支“{branch}”与前面的分支重叠：{count} 位客户同时符合两者的规则，已进入前面的分支。',
  empty_branch: '分支“{branch}”没有客户（0 人）：前面的分支已拿走符合条件的客户，或规则无人符合。',
}
const enIssues: typeof zhIssues = {
  overlapping_branches: 'Branch “{branch}” overlaps an earlier branch: {count} customers match both rules and go to the earlier one.',
  empty_branch: 'Branch “{branch}” gets no customers (0): earlier branches took them, or nobody matches its rule.',
}

export const flowEditorMessages = { 'zh-CN': zh, en }
export const flowEditorIssueMessages = { 'zh-CN': zhIssues, en: enIssues }
