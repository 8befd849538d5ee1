/** Provinces with their cities and a rough weight (share of customers), for realistic pairs. */
export const PROVINCES: readonly { name: string; weight: number; cities: readonly string[] }[] = [
  { name: '广东', weight: 16, cities: ['广州', '深圳', '东莞', '佛山'] },
  { name: '浙江', weight: 11, cities: ['杭州', '宁波', '温州'] },
  { name: '江苏', weight: 11, cities: ['南京', '苏州', '无锡'] },
  { name: '上海', weight: 9, cities: ['上海'] },
  { name: '北京', weight: 8, cities: ['北京'] },
  { name: '山东', weight: 8, cities: ['济南', '青岛', '烟台'] },
  { name: '四川', weight: 7, cities: ['成都', '绵阳'] },
  { name: '湖北', weight: 6, cities: ['武汉', '宜昌'] },
  { name: '福建', weight: 6, cities: ['福州', '厦门', '泉州'] },
  { name: '河南', weight: 6, cities: ['郑州', '洛阳'] },
  { name: '湖南', weight: 5, cities: ['长沙', '株洲'] },
  { name: '陕西', weight: 4, cities: ['西安'] },
  { name: '重庆', weight: 3, cities: ['重庆'] },
]

export const GENDERS = ['男', '女'] as const

export const MEMBER_LEVELS = ['普通', '银卡', '金卡', '钻石'] as const

export const TAGS = ['亲子', '运动', '美妆', '数码', '商务', '学生', '宠物', '旅行', '美食', '时尚'] as const

export const ORDER_CATEGORIES = ['服装', '运动', '美妆', '数码', '食品', '家居', '母婴', '图书'] as const

/** How often each category is a customer's favourite. */
export const CATEGORY_WEIGHTS = [18, 12, 14, 10, 16, 10, 10, 10]

/** Price level of each category relative to the customer's usual basket. */
export const CATEGORY_PRICE = [1.0, 1.1, 0.9, 2.5, 0.4, 1.5, 1.0, 0.5]

/** The tag (index in TAGS) that a favourite category suggests, or -1. */
export const CATEGORY_TAG = [9, 1, 2, 3, 8, -1, 0, 5]

export const CHANNELS = ['app', '小程序', '门店', '官网'] as const

export const CHANNEL_WEIGHTS = [35, 30, 25, 10]

/**
 * Behaviour profiles, so that recency, frequency and amount vary between customers and RFM,
 * Pareto and F×M quadrants have something to find. `orders` is the [min, max] number of orders.
 */
export const PERSONAS = [
  { name: 'never', weight: 10, orders: [0, 0], logMean: Math.log(100), levels: [90, 10, 0, 0] },
  { name: 'lapsed', weight: 25, orders: [1, 6], logMean: Math.log(100), levels: [70, 25, 5, 0] },
  { name: 'occasional', weight: 40, orders: [2, 10], logMean: Math.log(120), levels: [65, 28, 6, 1] },
  { name: 'frequent', weight: 20, orders: [10, 35], logMean: Math.log(150), levels: [30, 40, 25, 5] },
  { name: 'vip', weight: 5, orders: [25, 70], logMean: Math.log(420), levels: [0, 20, 40, 40] },
] as const

export type Persona = (typeof PERSONAS)[number]
