// The experience catalog: items, redemptions (vouchers) for fans and staff.
export {
  availabilityOf,
  itemTitle,
  itemDescription,
  listCatalogForFan,
  listCatalogItems,
  getCatalogItem,
  createCatalogItem,
  updateCatalogItem,
  catalogItemInput,
  catalogItemPatch,
  type CatalogItemInput,
  type Availability,
} from "./items";
export { redeemCatalogItem, cancelRedemption, cancelRedemptionByStaff, markRedemptionUsed, REF_TYPE } from "./redeem";
export { listMyRedemptions, getMyRedemption, listRedemptions, getRedemption, type StaffRedemptionFilter } from "./redemptions";
export { newVoucherCode, isVoucherCode } from "./voucher-code";
