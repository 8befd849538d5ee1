/** Guests' home cities with a rough weight (share of guests). */
export const HOTEL_CITIES = ['上海', '北京', '深圳', '广州', '杭州', '成都', '南京', '武汉', '西安', '重庆', '苏州', '厦门'] as const
export const HOTEL_CITY_WEIGHTS = [14, 13, 11, 10, 9, 8, 7, 7, 6, 6, 5, 4]

export const HOTEL_GENDERS = ['男', '女'] as const

export const HOTEL_MEMBER_LEVELS = ['普通', '银卡', '金卡', '铂金'] as const

export const HOTEL_TAGS = ['商务', '会议', '亲子', '度假', '情侣', '美食', '宠物友好', '长住'] as const

/** Booking channels: the chain's own site, three online travel agencies, the front desk, company agreements. */
export const STAY_CHANNELS = ['官网', '携程', '美团', '飞猪', '前台', '企业协议'] as const

export const ROOM_TYPES = ['标准间', '大床房', '商务房', '行政房', '套房'] as const

/** Average nightly rate of each room type, in yuan. */
export const ROOM_RATES = [380, 430, 560, 820, 1480]

/**
 * Guest behaviours (DOMAIN.md "Hotel"): company-paid business travellers who stay on weekdays through
 * the corporate channel and print invoices; frequent self-payers who book weekends on travel agencies
 * and print none; corporate guests who travel now and then; occasional and lapsed guests; members who
 * never stayed. Weights are per 100 guests, `stays` the [min, max] stays over the two-year window.
 * `regular` is the share who stayed in each of the last three 30-day months; `invoice` the chance that
 * a stay's invoice is printed (for `invoicers` of the guests; the others print with `invoiceRare`);
 * `weekday`/`weekend` the share of check-ins moved to Monday–Thursday or Friday–Saturday.
 * Channel and room weights are in STAY_CHANNELS and ROOM_TYPES order.
 */
export const HOTEL_PERSONAS = [
  {
    name: 'business', weight: 7, stays: [25, 60], regular: 0.85, invoicers: 1, invoice: 0.9, invoiceRare: 0,
    weekday: 0.88, weekend: 0, nights: [1, 3], corporate: 0.8, tag: '商务',
    channels: [25, 20, 2, 3, 5, 45], rooms: [10, 35, 40, 15, 0], levels: [10, 30, 40, 20],
  },
  {
    name: 'leisure', weight: 7, stays: [15, 40], regular: 0.8, invoicers: 0.2, invoice: 0.15, invoiceRare: 0,
    weekday: 0, weekend: 0.85, nights: [1, 2], corporate: 0.03, tag: '度假',
    channels: [10, 35, 30, 20, 5, 0], rooms: [30, 45, 5, 8, 12], levels: [20, 40, 30, 10],
  },
  {
    name: 'corporate', weight: 5, stays: [3, 12], regular: 0, invoicers: 1, invoice: 0.8, invoiceRare: 0,
    weekday: 0.8, weekend: 0, nights: [1, 4], corporate: 1, tag: '会议',
    channels: [20, 20, 0, 0, 10, 50], rooms: [25, 35, 30, 10, 0], levels: [50, 35, 13, 2],
  },
  {
    name: 'occasional', weight: 43, stays: [2, 8], regular: 0, invoicers: 0.25, invoice: 0.7, invoiceRare: 0.03,
    weekday: 0, weekend: 0.3, nights: [1, 4], corporate: 0.05, tag: '亲子',
    channels: [15, 30, 25, 15, 15, 0], rooms: [35, 35, 10, 8, 12], levels: [65, 27, 7, 1],
  },
  {
    name: 'lapsed', weight: 30, stays: [1, 5], regular: 0, invoicers: 0.25, invoice: 0.7, invoiceRare: 0.03,
    weekday: 0, weekend: 0.3, nights: [1, 3], corporate: 0.05, tag: '情侣',
    channels: [15, 30, 25, 15, 15, 0], rooms: [40, 35, 10, 5, 10], levels: [75, 22, 3, 0],
  },
  {
    name: 'never', weight: 8, stays: [0, 0], regular: 0, invoicers: 0, invoice: 0, invoiceRare: 0,
    weekday: 0, weekend: 0, nights: [1, 1], corporate: 0.05, tag: '美食',
    channels: [1, 1, 1, 1, 1, 1], rooms: [1, 1, 1, 1, 1], levels: [95, 5, 0, 0],
  },
] as const

export type HotelPersona = (typeof HOTEL_PERSONAS)[number]
