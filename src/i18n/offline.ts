/** Catalogue of the offline / privacy footer (installable app, service worker). Chinese first; both complete. */
const zh = {
  offline: {
    footer: '隐私与离线',
    privacy: '数据只保存在本机浏览器中，不会上传。',
    ready: '可离线使用',
    installing: '正在准备离线使用…',
    unavailable: '暂时无法离线使用',
    updateAvailable: '有新版本',
    reload: '刷新',
    reloadLabel: '刷新以使用新版本',
    offlineNow: '当前处于离线状态',
  },
}

const en: typeof zh = {
  offline: {
    footer: 'Privacy and offline use',
    privacy: 'Your data stays in this browser; nothing is uploaded.',
    ready: 'Ready offline',
    installing: 'Preparing offline use…',
    unavailable: 'Offline use is not available',
    updateAvailable: 'Update available',
    reload: 'Reload',
    reloadLabel: 'Reload to use the new version',
    offlineNow: 'You are offline',
  },
}

export const offlineMessages = { 'zh-CN': zh, en }
