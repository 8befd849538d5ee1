import { analysisGridMessages } from './analysisGrid'
import { analysisValueMessages } from './analysisValue'
import { analysisCompareMessages } from './analysisCompare'
import { analysisClustersMessages } from './analysisClusters'
import { analysisTemplatesMessages } from './analysisTemplates'
import { analysisHistoryMessages } from './analysisHistory'

/**
 * Catalogue of the analysis screen: the shared words here; each view's own words under its key
 * (analysis.grid, analysis.rfm, …), added by the view. Chinese first; both complete.
 */
const zh = {
  analysis: {
    title: '分析',
    tabs: '分析视图',
    savePng: '保存图片',
    exportCsv: '导出数据（CSV）',
    dataTable: '数据表',
    createSegment: '创建分群',
    created: '已创建分群“{name}”。',
    scope: '分析范围',
    scopeAll: '全部客户',
    measure: '衡量指标',
    count: '人数',
    share: '占比',
    revenueShare: '金额占比',
    noData: '当前数据集没有可用于此分析的字段。',
    computing: '计算中…',
    ...analysisGridMessages['zh-CN'],
    ...analysisValueMessages['zh-CN'],
    ...analysisCompareMessages['zh-CN'],
    ...analysisClustersMessages['zh-CN'],
    ...analysisTemplatesMessages['zh-CN'],
    ...analysisHistoryMessages['zh-CN'],
  },
}

const en: typeof zh = {
  analysis: {
    title: 'Analysis',
    tabs: 'Analysis views',
    savePng: 'Save as PNG',
    exportCsv: 'Export data (CSV)',
    dataTable: 'Data table',
    createSegment: 'Create segment',
    created: 'Segment “{name}” created.',
    scope: 'Analyse',
    scopeAll: 'All customers',
    measure: 'Measure',
    count: 'Customers',
    share: 'Share',
    revenueShare: 'Revenue share',
    noData: 'The current dataset has no fields this analysis can use.',
    computing: 'Computing…',
    ...analysisGridMessages.en,
    ...analysisValueMessages.en,
    ...analysisCompareMessages.en,
    ...analysisClustersMessages.en,
    ...analysisTemplatesMessages.en,
    ...analysisHistoryMessages.en,
  },
}

export const analysisMessages = { 'zh-CN': zh, en }
