// The Cards widget: createWidgetTokenHandler (the token endpoint) and mountCardWidget (the iframe).
// Checked with tsc --strict through usage.ts (tests/node/types.test.mjs); never executed. Each
// `@ts-expect-error` line is a misuse the .d.ts must reject.
import { CardWidgetError, createWidgetTokenHandler, mountCardWidget, type CardWidgetHandle, type CardWidgetOptions, type WidgetGrant } from "seismic-sdk";
import { cards } from "./cards.js";

// The widget token endpoint (a Worker's fetch, or a Node route).
const widgetTokenEndpoint: (request: Request) => Promise<Response> = createWidgetTokenHandler({
  cards,
  authorize: async (request: Request): Promise<WidgetGrant> => (request.headers.get("cookie") ? { accountId: "acct", cardIds: ["card"] } : null),
});
const syncAuthorized = createWidgetTokenHandler({ cards, authorize: () => null });
export default { fetch: widgetTokenEndpoint };

// The browser side: the widget iframe, fed by your endpoint or your own fetchToken.
function showCard(el: HTMLElement): CardWidgetHandle {
  const handle = mountCardWidget(el, {
    cardId: "card",
    widgetOrigin: "https://widget.seismic.systems",
    tokenUrl: "/api/widget-token",
    style: { fontFamily: "Inter, sans-serif", fontSize: "16px", color: "#111" },
    onReady: () => {},
    onError: (error: CardWidgetError) => void error.code,
    onCopy: ({ field }) => void (field === "number" || field === "cvv"),
  });
  const withFetcher: CardWidgetOptions = {
    cardId: "card",
    widgetOrigin: "https://widget.seismic.systems",
    fetchToken: async (cardId: string) => ({ token: `jwt-for-${cardId}`, expiresAt: Date.now() + 300_000 }),
  };
  const second = mountCardWidget(el, withFetcher);
  const third = mountCardWidget(el, { cardId: "c", widgetOrigin: "https://w.test", fetchToken: async () => "jwt" });
  second.refresh();
  third.unmount();
  return handle;
}
void syncAuthorized;
void showCard;

// Deliberate misuses of the widget API: each must be a type error.

// @ts-expect-error exactly one of tokenUrl and fetchToken
mountCardWidget(document.body, { cardId: "c", widgetOrigin: "https://w.test", tokenUrl: "/t", fetchToken: async () => "jwt" });

// @ts-expect-error authorize returns { accountId, cardIds } or null
createWidgetTokenHandler({ cards, authorize: () => ({ accountId: "a" }) });
