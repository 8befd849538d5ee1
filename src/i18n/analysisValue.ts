/** Catalogue of the analysis screen's Customer value view(s): analysis.<view>.* keys. Chinese first; both complete. */
const zh = {
}

const en: typeof zh = {
}

export const analysisValueMessages = { 'zh-CN': zh, en }
