/** Catalogue of the analysis screen's Grid model view(s): analysis.<view>.* keys. Chinese first; both complete. */
const zh = {
}

const en: typeof zh = {
}

export const analysisGridMessages = { 'zh-CN': zh, en }
