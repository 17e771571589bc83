// What the signed-in page holds: the SDK, its config and client, the session, and each
// screen's data.

export const state = {
  sdk: null,
  config: null,
  api: null,
  tokens: null,
  signedIn: false,
  challengeId: null,
  me: null,
  org: null,
  customers: new Map(), // id → { customer, providers, accounts?, error? }
  accounts: [],
  catalog: null,
  snapshot: null,
  accepted: null, // { snapshotId, quoteId, orderId }
  lastOrderId: null,
  cards: [],
  widget: null,
  widgetCardId: null,
};
