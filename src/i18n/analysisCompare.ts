/** Catalogue of the analysis screen's Overlap and profile view(s): analysis.<view>.* keys. Chinese first; both complete. */
const zh = {
}

const en: typeof zh = {
}

export const analysisCompareMessages = { 'zh-CN': zh, en }
