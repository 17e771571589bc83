// StoredValueClient against the seismic-sandbox: the query builder (query strings, encoding,
// parameter order) and the sandbox's query operators.
// Every sandbox test creates its own tenant. The API key is secret: these tests run in Node and
// workerd.
import { createSvTenant } from "./stored-value-sandbox.mjs";
import { recordingFetch } from "./recording-fetch.mjs";
import { SERVER, CARD_A, CARD_B, CARD_C, svClient, base, rawQuery, rawPath, settle, allTransactions, ids } from "./stored-value-support.mjs";

const serverTests = [
  // --- query builder --------------------------------------------------------------------------
  {
    name: "stored value: query builder produces the documented query strings (raw $ [ ])",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      await svClient(ctx, t).transactions.reload({ cardNumber: CARD_A, amount: "10.00" });
      const calls = [];
      const client = svClient(ctx, t, { fetch: recordingFetch(calls) });
      const cases = [
        [{ amount: "10", currency: "USD" }, "amount=10&currency=USD"],
        [{ currency: "USD", $limit: 2 }, "currency=USD&$limit=2"],
        [{ $limit: 2, $skip: 2, currency: "USD" }, "$limit=2&$skip=2&currency=USD"],
        [{ $limit: 10, $sort: { createdAt: -1 } }, "$limit=10&$sort[createdAt]=-1"],
        [{ $select: ["cardNumber", "date", "_id"] }, "$select[]=cardNumber&$select[]=date&$select[]=_id"],
        [{ currency: { $in: ["CAD", "USD"] } }, "currency[$in]=CAD&currency[$in]=USD"],
        [{ currency: { $nin: ["CAD"] } }, "currency[$nin]=CAD"],
        [{ tranDate: { $lt: 1479664146607 } }, "tranDate[$lt]=1479664146607"],
        [{ tranDate: { $lte: 1479664146607 } }, "tranDate[$lte]=1479664146607"],
        [{ tranDate: { $gt: 1479664146607 } }, "tranDate[$gt]=1479664146607"],
        [{ tranDate: { $gte: 1479664146607 } }, "tranDate[$gte]=1479664146607"],
        [{ processed: { $ne: true } }, "processed[$ne]=true"],
        [{ $or: [{ status: { $ne: "01" } }, { currency: "USD" }] }, "$or[0][status][$ne]=01&$or[1][currency]=USD"],
        [
          { currency: { $in: ["CAD", "USD"] }, $sort: { createdAt: -1 }, $or: [{ status: { $ne: "01" } }, { currency: "USD" }], $limit: 2, $skip: 2, $select: ["cardNumber", "_id"] },
          "currency[$in]=CAD&currency[$in]=USD&$sort[createdAt]=-1&$or[0][status][$ne]=01&$or[1][currency]=USD&$limit=2&$skip=2&$select[]=cardNumber&$select[]=_id",
        ],
      ];
      const problems = [];
      for (const [query, expected] of cases) {
        calls.length = 0;
        const outcome = await settle(client.transactions.list({ query }));
        if (calls.length !== 1) {
          problems.push(`${assert.show(query)}: ${calls.length} requests (${outcome.error ? assert.show(outcome.error) : "resolved"})`);
          continue;
        }
        if (rawPath(calls[0]) !== `${base(ctx)}/v2/transactions`) problems.push(`${assert.show(query)}: path ${rawPath(calls[0])}`);
        if (rawQuery(calls[0]) !== expected) problems.push(`${assert.show(query)}:\n      expected ${expected}\n      got      ${rawQuery(calls[0])}`);
        else if (outcome.error) problems.push(`${assert.show(query)}: right query string, but the call rejected: ${assert.show(outcome.error)}`);
      }
      assert.ok(problems.length === 0, `${problems.length} of ${cases.length} cases:\n    ${problems.join("\n    ")}`);
    },
  },
  {
    name: "stored value: list parameters go first (filter, cardNumber, page, count), then query keys in order",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const calls = [];
      const client = svClient(ctx, t, { fetch: recordingFetch(calls) });
      const outcome1 = await settle(client.transactions.list({ count: 10, page: 1, cardNumber: "2063025100129939", filter: "Name" }));
      assert.equal(rawQuery(calls[0]), "filter=Name&cardNumber=2063025100129939&page=1&count=10", "spec list example, in the fixed order");
      assert.ok(!outcome1.error, `spec list example answered: ${outcome1.error && assert.show(outcome1.error)}`);
      const outcome2 = await settle(client.transactions.list({ query: { $sort: { amount: 1 }, currency: "USD" }, count: 5, cardNumber: CARD_A }));
      assert.equal(rawQuery(calls[1]), `cardNumber=${CARD_A}&count=5&$sort[amount]=1&currency=USD`, "params then query");
      assert.ok(!outcome2.error, `answered: ${outcome2.error && assert.show(outcome2.error)}`);
    },
  },
  {
    name: "stored value: query values are percent-encoded, operators and brackets stay raw",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const calls = [];
      const client = svClient(ctx, t, { fetch: recordingFetch(calls) });
      const value = "a b&c=d#e/f?g+h%i[j]$k café";
      const res = await client.transactions.list({ query: { cardNumber: value, currency: { $in: ["U&S", "C=D"] } } });
      assert.equal(res.total, 0, "nothing matches");
      const q = rawQuery(calls[0]);
      const parts = q.split("&");
      assert.equal(parts.length, 3, `three parameters (no raw & from the values): ${q}`);
      const [k0, v0] = parts[0].split("=");
      assert.equal(k0, "cardNumber", "first key");
      assert.equal(parts[0].split("=").length, 2, `no raw = in the value: ${parts[0]}`);
      assert.ok(!/[ &=#?+\[\]$]/.test(v0), `value has no raw reserved characters: ${v0}`);
      assert.equal(decodeURIComponent(v0), value, "value round-trips (UTF-8, %20 for space)");
      assert.match(parts[1], /^currency\[\$in\]=/, "operator key raw");
      assert.equal(decodeURIComponent(parts[1].split("=")[1]), "U&S");
      assert.equal(decodeURIComponent(parts[2].split("=")[1]), "C=D");
      // numbers and booleans: the server (form decoding, `+` = space) must read back the same value
      const bad = [];
      for (const n of [1e21, 1e-7, -0.5, 2.5, 1479664146607, 0]) {
        calls.length = 0;
        await settle(client.transactions.list({ query: { tranDate: { $lt: n } } }));
        const got = new URLSearchParams(rawQuery(calls[0])).get("tranDate[$lt]");
        if (!(got !== null && got.trim() !== "" && Number(got) === n)) bad.push(`number ${n} is sent as ${assert.show(rawQuery(calls[0]))}, which a server decodes to ${assert.show(got)}`);
      }
      assert.ok(bad.length === 0, bad.join("; "));
      calls.length = 0;
      await settle(client.transactions.list({ query: { processed: false } }));
      assert.equal(rawQuery(calls[0]), "processed=false", "boolean");
    },
  },
  {
    name: "stored value: the sandbox filters, sorts, limits and selects with the query operators",
    fn: async (ctx) => {
      const { assert } = ctx;
      const t = await createSvTenant(ctx.sandboxUrl);
      const client = svClient(ctx, t);
      await client.transactions.reload({ cardNumber: CARD_A, amount: "1.00" });
      await client.transactions.reload({ cardNumber: CARD_B, amount: "2.50" });
      await client.transactions.redeem({ cardNumber: CARD_A, amount: "3.00" });
      const partial = await client.transactions.redeem({ cardNumber: CARD_C, amount: "150.00" });
      assert.equal(partial.status, "109", "seed: partial redemption");
      await client.transactions.reload({ cardNumber: CARD_C, amount: "4.00" });
      const all = await allTransactions(ctx, client);
      assert.equal(all.length, 5, `five transactions seeded (${assert.show(all.map((x) => [x.transactionType, x.cardNumber, x.amount, x.status]))})`);
      const amt = (x) => Number(x.amount);

      const filters = [
        [{ transactionType: "reload" }, (x) => x.transactionType === "reload"],
        [{ cardNumber: CARD_B }, (x) => x.cardNumber === CARD_B],
        [{ transactionType: { $in: ["redemption"] } }, (x) => x.transactionType === "redemption"],
        [{ transactionType: { $nin: ["redemption"] } }, (x) => x.transactionType !== "redemption"],
        [{ cardNumber: { $in: [CARD_A, CARD_C] } }, (x) => x.cardNumber === CARD_A || x.cardNumber === CARD_C],
        [{ status: { $ne: "01" } }, (x) => x.status !== "01"],
        [{ status: "109" }, (x) => x.status === "109"],
        [{ $or: [{ status: { $ne: "01" } }, { cardNumber: CARD_B }] }, (x) => x.status !== "01" || x.cardNumber === CARD_B],
        [{ amount: { $gt: 2.5 } }, (x) => amt(x) > 2.5],
        [{ amount: { $gte: 2.5 } }, (x) => amt(x) >= 2.5],
        [{ amount: { $lt: 3 } }, (x) => amt(x) < 3],
        [{ amount: { $lte: 3 } }, (x) => amt(x) <= 3],
        [{ transactionType: "reload", amount: { $gte: 2 } }, (x) => x.transactionType === "reload" && amt(x) >= 2],
        [{ currency: "USD" }, () => true],
        [{ currency: "CAD" }, () => false],
        [{ tranDate: { $lt: 1479664146607 } }, () => false],
        [{ tranDate: { $gt: 1479664146607 } }, () => true],
      ];
      const problems = [];
      for (const [query, pred] of filters) {
        const expected = ids(all.filter(pred));
        const r = await settle(client.transactions.list({ count: 100, query }));
        if (r.error) {
          problems.push(`${assert.show(query)}: ${assert.show(r.error)}`);
          continue;
        }
        const got = ids(r.value.data);
        if (JSON.stringify(got) !== JSON.stringify(expected)) problems.push(`${assert.show(query)}: expected ${expected.length} ${assert.show(expected)}, got ${got.length} ${assert.show(got)}`);
        else if (r.value.total !== expected.length) problems.push(`${assert.show(query)}: total ${r.value.total}, expected ${expected.length}`);
      }
      // list({ cardNumber }) filters too
      const byCard = await client.transactions.list({ cardNumber: CARD_A, count: 100 });
      if (JSON.stringify(ids(byCard.data)) !== JSON.stringify(ids(all.filter((x) => x.cardNumber === CARD_A)))) problems.push(`list({ cardNumber }): ${assert.show(ids(byCard.data))}`);

      // $sort (amounts are distinct), then $limit/$skip over the sorted list
      const asc = [...all].sort((a, b) => amt(a) - amt(b)).map((x) => x.id);
      const sortAsc = await client.transactions.list({ count: 100, query: { $sort: { amount: 1 } } });
      if (JSON.stringify(sortAsc.data.map((x) => x.id)) !== JSON.stringify(asc)) problems.push(`$sort amount 1: ${assert.show(sortAsc.data.map(amt))}`);
      const sortDesc = await client.transactions.list({ count: 100, query: { $sort: { amount: -1 } } });
      if (JSON.stringify(sortDesc.data.map((x) => x.id)) !== JSON.stringify([...asc].reverse())) problems.push(`$sort amount -1: ${assert.show(sortDesc.data.map(amt))}`);
      const win = await client.transactions.list({ query: { $sort: { amount: -1 }, $limit: 2, $skip: 1 } });
      if (JSON.stringify(win.data.map((x) => x.id)) !== JSON.stringify([...asc].reverse().slice(1, 3))) problems.push(`$sort -1 $limit 2 $skip 1: ${assert.show(win.data.map(amt))}`);
      const limited = await client.transactions.list({ query: { $limit: 2 } });
      if (limited.data.length !== 2) problems.push(`$limit 2: ${limited.data.length} results`);
      const byDate = await client.transactions.list({ count: 100, query: { $sort: { createdAt: -1 } } });
      const stamps = byDate.data.map((x) => Date.parse(x.createdAt));
      if (byDate.data.length !== 5 || stamps.some((v, i) => i > 0 && v > stamps[i - 1])) problems.push(`$sort createdAt -1: ${assert.show(byDate.data.map((x) => x.createdAt))}`);
      // $select keeps the named fields only
      const sel = await client.transactions.list({ count: 100, query: { $select: ["cardNumber", "amount"] } });
      if (sel.data.length !== 5) problems.push(`$select: ${sel.data.length} results`);
      for (const x of sel.data) {
        if (!("cardNumber" in x) || !("amount" in x) || "statusMessage" in x || "transactionType" in x || "currency" in x) {
          problems.push(`$select [cardNumber, amount]: item ${assert.show(x)}`);
          break;
        }
      }
      assert.ok(problems.length === 0, `${problems.length} problems:\n    ${problems.join("\n    ")}`);
    },
  },
];

export const tests = serverTests.map((t) => ({ runtimes: SERVER, ...t }));
