/** Catalogue of the analysis screen's Clusters view(s): analysis.<view>.* keys. Chinese first; both complete. */
const zh = {
}

const en: typeof zh = {
}

export const analysisClustersMessages = { 'zh-CN': zh, en }
