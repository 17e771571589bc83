// Runner hook of the dashboard tests (loaded by tests/run-browser.mjs in Node): drives
// www/dashboard/ in headless Chromium against the real pieces of the demo.
//
// What it starts (once, on the first check that needs it; stopped when the runner exits):
//   - demo data in the sandbox (SEISMIC_SANDBOX_URL): an orchestration tenant (the user who signs
//     in, and the org API key the edge Worker holds), a Cards program with a funded virtual card;
//   - www/edge/run.mjs (the edge Worker in workerd) with those bindings, ALLOWED_ORIGIN = the
//     dashboard's origin;
//   - www/serve.mjs (www/ at /, the package at /pkg/, /config.json) on that origin.
// Both are child processes with --exit-with-stdin, so they also go when this process dies.
//
// checks: each opens the dashboard in its own tab of the runner's browser context; the session
// (localStorage) carries over between checks, and a check that finds itself signed out signs in.
// Screenshots: $SEISMIC_TEST_OUT/screenshots/dashboard-{login,quote,orders,card}.png.
// env = { context, origin, sandboxUrl, widgetOrigin, pkgDir, outDir, assert }.
//
// The stack is in dashboard-stack.mjs, the tab helpers in dashboard-page.mjs. The checks stay in
// this one file because their order is part of them: the first needs a fresh browser, and the
// session and MFA secret it leaves are what the later ones sign in with.
import { stack, totp, stats, orchestration, walletAccount } from "./dashboard-stack.mjs";
import { STEP_MS, openDashboard, waitState, text, waitText, shot, signIn, openSignedIn, localStore, assertNoSecrets, decimalSum, decimalEq } from "./dashboard-page.mjs";

export const routes = {};

export const checks = [
  {
    name: "dashboard: sign in, enable MFA in the UI, sign out, sign in with a TOTP code; org and KYB shown; the session survives a reload",
    run: async (env) => {
      const { assert } = env;
      const s = await stack(env);
      const tab = await openDashboard(env, s);
      const { page } = tab;
      try {
        assert.equal(await page.evaluate(() => document.body.dataset.state), "login", "a fresh browser starts at sign-in");
        const statsBefore = await stats(env, s.tenant.orgId);
        assert.equal(await signIn(env, s, page), "app", "signed in without MFA (not enrolled yet)");
        await waitText(page, "#header-user", new RegExp(s.tenant.email.replace(/[.+]/g, "\\$&")));

        // Overview: org name and KYB status, from orgs.get() / orgs.kyb.providers().
        await waitText(page, '[data-testid="org-name"]', new RegExp(`^${s.orgName}$`));
        await waitText(page, '[data-testid="kyb-summary"]', /approved — 2 of 2 verification rows approved/);
        assert.equal(await page.locator(".kyb-table tbody tr").count(), 2, "one KYB row per verification row");
        assert.equal(await page.locator('.kyb-table tbody tr[data-kyb-status="approved"]').count(), 2, "both approved");
        await waitText(page, '[data-testid="mfa-state"]', /off/);

        // Enable MFA: enroll shows the secret and the otpauth URI; activate with a code.
        await page.click("#mfa-enable");
        await waitText(page, '[data-testid="mfa-secret"]', /^[A-Z2-7]{16,}=*$/);
        s.mfaSecret = (await text(page, '[data-testid="mfa-secret"]')).trim();
        assert.match(await text(page, '[data-testid="mfa-uri"]'), /^otpauth:\/\/totp\//, "provisioning URI shown");
        await page.fill("#mfa-activate-code", await totp(env, s.mfaSecret));
        await page.click("#mfa-activate");
        await waitText(page, '[data-testid="mfa-state"]', /on/);
        assert.ok((await text(page, "#security-card")).includes("MFA is active"), "activation confirmed");
        assert.equal(await page.locator('[data-testid="mfa-secret"]').textContent(), "", "the secret leaves the page after activation");
        const me = await orchestration(env, s.tenant.apiKey, "GET", "/user");
        assert.equal(me.mfa_active, true, "the API says MFA is active");

        // Sign out: tokens revoked and gone from localStorage.
        assert.ok((await localStore(page))["orchestration.access_token"], "access token kept in localStorage");
        await page.click("#logout");
        await waitState(page, ["login"]);
        await waitText(page, '[data-testid="login-notice"]', /signed out/);
        const afterLogout = await localStore(page);
        assert.deepEqual(Object.keys(afterLogout).filter((k) => k.startsWith("orchestration.")), [], "no tokens left after sign-out");

        // Sign in again: the password step, then the TOTP step (a wrong code first).
        await page.fill("#login-email", s.tenant.email);
        await page.fill("#login-password", s.tenant.password);
        await page.click("#login-submit");
        await waitState(page, ["mfa"]);
        assert.ok(await page.locator("#mfa-form").isVisible(), "the TOTP code field is shown");
        const good = await totp(env, s.mfaSecret);
        await page.fill("#mfa-code", String((Number(good) + 500000) % 1000000).padStart(6, "0"));
        await page.click("#mfa-submit");
        await waitText(page, '[data-testid="login-error"]', /MfaChallengeInvalid \(HTTP 401\)[\s\S]*invalid TOTP code/);
        assert.equal(await page.evaluate(() => document.body.dataset.state), "mfa", "still at the code step after a wrong code");
        await page.fill("#mfa-code", await totp(env, s.mfaSecret));
        await shot(page, "dashboard-login.png");
        await page.click("#mfa-submit");
        await waitState(page, ["app"]);
        await waitText(page, '[data-testid="header-org"]', new RegExp(`^${s.orgName}$`));
        const afterMfa = await stats(env, s.tenant.orgId);
        assert.equal(afterMfa.loginCalls - statsBefore.loginCalls, 2, "two password logins (before and after MFA)");

        // Reload: still signed in, no new login, the page reads its data again.
        await page.reload();
        assert.equal(await waitState(page, ["app", "login"]), "app", "still signed in after a reload");
        await waitText(page, '[data-testid="org-name"]', new RegExp(`^${s.orgName}$`));
        await waitText(page, "#header-user", new RegExp(s.tenant.email.replace(/[.+]/g, "\\$&")));
        assert.equal((await stats(env, s.tenant.orgId)).loginCalls, afterMfa.loginCalls, "the reload did not log in again");
        const keys = Object.keys(await localStore(page));
        assert.ok(keys.includes("orchestration.access_token") && keys.includes("orchestration.refresh_token"), `session in localStorage: ${keys.join(", ")}`);
        assert.deepEqual(
          keys.filter((k) => !k.startsWith("orchestration.") && !k.startsWith("seismic-dashboard.")),
          [],
          "localStorage holds only the session (and the dashboard's own customer list)",
        );
        await waitText(page, '[data-testid="kyb-summary"]', /approved/);
        await shot(page, "dashboard-overview.png");
        await assertNoSecrets(assert, s, tab);
        assert.deepEqual(tab.diagnostics, [], "no page errors");
      } finally {
        await page.close();
      }
    },
  },
  {
    name: "dashboard: a rejected access token is refreshed silently (one /auth/refresh, data still shown); a failed refresh returns to sign-in",
    run: async (env) => {
      const { assert } = env;
      const s = await stack(env);
      const tab = await openSignedIn(env, s, "#/overview");
      const { page } = tab;
      try {
        await waitText(page, '[data-testid="org-name"]', new RegExp(`^${s.orgName}$`));
        // A token the API refuses (bad signature) but whose stored expiry is still ahead: the next
        // call gets a 401, the client refreshes once and retries.
        const before = await stats(env, s.tenant.orgId);
        await page.evaluate(() => {
          const t = localStorage.getItem("orchestration.access_token");
          localStorage.setItem("orchestration.access_token", t.slice(0, -4) + (t.endsWith("AAAA") ? "BBBB" : "AAAA"));
        });
        const refused = (await localStore(page))["orchestration.access_token"];
        await page.click("#kyb-reload");
        await waitText(page, '[data-testid="kyb-summary"]', /approved — 2 of 2/);
        const after = await stats(env, s.tenant.orgId);
        assert.equal(after.refreshCalls - before.refreshCalls, 1, "exactly one refresh");
        assert.equal(await page.evaluate(() => document.body.dataset.state), "app", "still in the app");
        const stored = await localStore(page);
        assert.notEqual(stored["orchestration.access_token"], refused, "the refreshed token was stored");
        assert.equal(await page.locator("#banner:not([hidden])").count(), 0, "no error shown for a silent refresh");

        // Refresh token revoked too: the client clears the store and calls onRefreshFailed.
        await page.evaluate(() => {
          localStorage.setItem("orchestration.access_token", "eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.invalid");
          localStorage.setItem("orchestration.refresh_token", "rt_revoked_by_the_test");
        });
        await page.click("#kyb-reload");
        await waitState(page, ["login"]);
        await waitText(page, '[data-testid="login-notice"]', /session has ended/);
        const left = await localStore(page);
        assert.deepEqual(Object.keys(left).filter((k) => k.startsWith("orchestration.")), [], "store cleared after the failed refresh");
        // Sign back in for the next checks.
        assert.equal(await signIn(env, s, page), "app");
        assert.deepEqual(tab.diagnostics, [], "no page errors");
      } finally {
        await page.close();
      }
    },
  },
  {
    name: "dashboard: errors are readable messages: wrong password (ApiError code + message), bad quote amount (ValidationError field), missing customer fields, no config.json",
    run: async (env) => {
      const { assert } = env;
      const s = await stack(env);
      // 1. A wrong password: sign out in a tab, try a wrong password, then sign back in.
      {
        const tab = await openSignedIn(env, s, "#/overview");
        try {
          await tab.page.click("#logout");
          await waitState(tab.page, ["login"]);
          await tab.page.fill("#login-email", s.tenant.email);
          await tab.page.fill("#login-password", "definitely-not-the-password");
          await tab.page.click("#login-submit");
          await waitText(tab.page, '[data-testid="login-error"]', /InvalidCredentials \(HTTP 401\)[\s\S]*invalid credentials/);
          assert.equal(await tab.page.evaluate(() => document.body.dataset.state), "login", "still at sign-in");
          assert.equal(await signIn(env, s, tab.page), "app");
        } finally {
          await tab.page.close();
        }
      }

      // 2. A quote amount that is not a decimal string: refused before sending, the field named.
      const tab = await openSignedIn(env, s, "#/quotes");
      const { page } = tab;
      try {
        await page.waitForFunction(() => document.querySelectorAll("#source-currency option").length > 1, null, { timeout: STEP_MS });
        const sent = [];
        page.on("request", (r) => {
          if (r.url().includes("/api/v0/quotes")) sent.push(r.url());
        });
        await page.fill("#quote-amount", "12,5 dollars");
        await page.click("#quote-submit");
        await page.waitForSelector('#quote-result .error-box', { timeout: STEP_MS });
        const box = page.locator("#quote-result .error-box").first();
        const boxText = await box.innerText();
        const field = await box.getAttribute("data-field");
        const code = await box.getAttribute("data-code");
        assert.match(boxText, /^Quoting: /, `titled with the action: ${boxText}`);
        assert.match(boxText, /amount/i, `names the amount: ${boxText}`);
        assert.equal(code, "invalid_argument", `a ValidationError (code ${code}): ${boxText}`);
        assert.match(field || "", /amount/, `ValidationError.field names the amount: ${field}`);
        assert.deepEqual(sent, [], "nothing was sent");
        assert.equal(await page.locator("#quote-amount.invalid").count(), 1, "the amount input is marked");

        // 3. A customer without the fields an individual needs: refused before sending, the field
        //    named and marked; then an external_id already taken: the API's 409 with its code.
        await page.evaluate(() => (location.hash = "#/customers"));
        const ext = `taken-${Date.now().toString(36)}`;
        const sentCustomers = [];
        page.on("request", (r) => {
          if (r.method() === "POST" && /\/api\/v0\/customers$/.test(new URL(r.url()).pathname)) sentCustomers.push(r.url());
        });
        await page.fill('#customer-form [name="external_id"]', ext);
        await page.fill('#customer-form [name="email"]', "incomplete@example.com");
        await page.click("#customer-create");
        await page.waitForSelector('[data-testid="customer-form-result"] .error-box', { timeout: STEP_MS });
        const custErr = await text(page, '[data-testid="customer-form-result"] .error-box');
        assert.match(custErr, /^Creating the customer: Check req\.first_name/, custErr);
        assert.equal(await page.locator('[data-testid="customer-form-result"] .error-box').getAttribute("data-field"), "req.first_name");
        assert.equal(await page.locator('#customer-form [name="first_name"].invalid').count(), 1, "the first name input is marked");
        assert.deepEqual(sentCustomers, [], "nothing was sent");
        const existing = await orchestration(env, s.tenant.apiKey, "POST", "/customers", { external_id: ext, type: "individual", email: `${ext}@example.com`, first_name: "Grace", last_name: "Hopper" });
        await page.fill('#customer-form [name="first_name"]', "Grace");
        await page.fill('#customer-form [name="last_name"]', "Hopper");
        await page.click("#customer-create");
        await waitText(page, '[data-testid="customer-form-result"]', /EndUserCustomerExists \(HTTP 409\)/);
        const dup = await text(page, '[data-testid="customer-form-result"] .error-box');
        assert.ok(dup.includes(existing.customer.id), `the message names the existing customer: ${dup}`);
        assert.equal(sentCustomers.length, 1, "sent once");
        assert.deepEqual(tab.diagnostics, [], "no page errors");
      } finally {
        await page.close();
      }

      // 4. No configuration: a readable message, not a blank page.
      const broken = await env.context.newPage();
      try {
        await broken.route("**/config.json", (r) => r.fulfill({ status: 500, body: "boom" }));
        await broken.goto(s.dashboard);
        await waitState(broken, ["fatal"]);
        const msg = await text(broken, "#boot");
        assert.match(msg, /The dashboard cannot start/, msg);
        assert.match(msg, /config\.json[\s\S]*HTTP 500/, msg);
      } finally {
        await broken.close();
      }
    },
  },
  {
    name: "dashboard: create a customer and attach a wallet account from the UI; both are listed with KYC status",
    run: async (env) => {
      const { assert } = env;
      const s = await stack(env);
      const tab = await openSignedIn(env, s, "#/customers");
      const { page } = tab;
      try {
        await page.waitForSelector('[data-testid="customers-body"] :is(table, [data-testid="customers-empty"])', { timeout: STEP_MS });
        const ext = `dash-${Date.now().toString(36)}`;
        const f = (name, value) => page.fill(`#customer-form [name="${name}"]`, value);
        await f("external_id", ext);
        await f("email", `${ext}@example.com`);
        await f("first_name", "Ada");
        await f("last_name", "Lovelace");
        await f("date_of_birth", "1990-04-12");
        await f("line1", "123 Main St");
        await f("city", "Brooklyn");
        await f("state", "NY");
        await f("postal_code", "11201");
        await page.click("#customer-create");
        await waitText(page, '[data-testid="customer-form-result"]', /Customer Ada Lovelace created/);
        const row = page.locator('.customers-table tbody tr', { hasText: `${ext}@example.com` });
        await row.waitFor({ timeout: STEP_MS });
        const customerId = await row.getAttribute("data-customer-id");
        assert.match(customerId || "", /^[0-9a-f-]{36}$/, "the row carries the customer id");
        // KYC settles (sandbox delay) and the list follows without a reload.
        await page.waitForFunction((id) => {
          const tr = document.querySelector(`tr[data-customer-id="${id}"]`);
          return tr && [...tr.querySelectorAll(".kyc-row .badge")].length > 0 && [...tr.querySelectorAll(".kyc-row .badge")].every((b) => b.textContent === "approved");
        }, customerId, { timeout: STEP_MS });
        // Attach a USDC wallet on base to it.
        assert.equal(await page.locator("#account-customer").inputValue(), customerId, "the new customer is preselected");
        await page.selectOption("#account-type", "external_digital_asset_wallet");
        await page.fill('#account-form [name="currencies"]', "USDC");
        await page.fill('#account-form [name="rails"]', "base");
        await page.fill('#account-form [name="address"]', "0x52908400098527886E0F7030069857D2E4169EE7");
        await page.click("#account-create");
        await waitText(page, '[data-testid="account-form-result"]', /Account attached: Wallet · USDC on base/);
        const acct = page.locator(`tr[data-customer-id="${customerId}"] .accounts-cell li`);
        await acct.first().waitFor({ timeout: STEP_MS });
        assert.equal(await acct.count(), 1, "one account listed for the customer");
        assert.match(await acct.first().innerText(), /active\s+Wallet · USDC on base/);
        // The API agrees.
        const listed = await orchestration(env, s.tenant.apiKey, "GET", `/customers/${customerId}/accounts`);
        const accounts = Array.isArray(listed) ? listed : listed.accounts;
        assert.equal(accounts.length, 1);
        assert.deepEqual([accounts[0].currencies, accounts[0].rails], [["USDC"], ["base"]]);
        assert.equal(await acct.first().getAttribute("data-account-id"), accounts[0].id);
        s.customerId = customerId;
        await shot(page, "dashboard-customers.png");
        assert.deepEqual(tab.diagnostics, [], "no page errors");
      } finally {
        await page.close();
      }
    },
  },
  {
    name: "dashboard: a quote lists the ranked legs (rails, rate, itemised fees, totals, best first); accepting a leg places an order the orders list shows",
    run: async (env) => {
      const { assert } = env;
      const s = await stack(env);
      const tab = await openSignedIn(env, s, "#/quotes");
      const { page } = tab;
      try {
        await page.waitForFunction(() => document.querySelectorAll("#destination-currency option").length > 1, null, { timeout: STEP_MS });
        await page.fill("#quote-amount", "1000");
        await page.selectOption("#source-currency", "USD");
        await page.selectOption("#source-rail", "");
        await page.selectOption("#destination-currency", "USDC");
        await page.selectOption("#destination-rail", "ethereum");
        await page.click("#quote-submit");
        await page.waitForSelector('[data-testid="quotes-table"] tbody tr', { timeout: STEP_MS });
        const snapshotId = await page.locator('[data-testid="snapshot-meta"]').getAttribute("data-snapshot-id");
        // What the API itself answers for this snapshot.
        const snap = await orchestration(env, s.tenant.apiKey, "GET", `/quotes/${snapshotId}`);
        assert.ok(snap.quotes.length >= 2, `several legs priced: ${snap.quotes.length}`);
        const rows = page.locator('[data-testid="quotes-table"] tbody tr');
        assert.equal(await rows.count(), snap.quotes.length, "one row per priced leg");
        const shown = await rows.evaluateAll((trs) =>
          trs.map((tr) => ({
            id: tr.dataset.quoteId,
            best: tr.dataset.best === "true",
            rank: tr.querySelector("td.rank").innerText,
            in: tr.children[1].innerText,
            out: tr.children[2].innerText,
            rate: tr.children[3].innerText.trim(),
            fees: [...tr.querySelectorAll(".fees li")].map((li) => ({ type: li.dataset.feeType, text: li.innerText })),
            total: tr.querySelector(".fee-total").innerText.trim(),
            accept: !!tr.querySelector("button[data-accept]"),
          })),
        );
        assert.deepEqual(shown.map((r) => r.id), snap.quotes.map((q) => q.id), "the server's ranking, in order");
        assert.deepEqual(shown.map((r) => r.best), snap.quotes.map((q) => q.id === snap.best_quote_id), "exactly the best quote is marked");
        assert.ok(shown[0].best && /Best/.test(shown[0].rank), "best first, badged");
        for (const [i, q] of snap.quotes.entries()) {
          const r = shown[i];
          assert.ok(r.in.includes(`${q.in.amount} ${q.in.currency}`) && r.in.includes(`via ${q.in.rail}`), `in side: ${r.in}`);
          assert.ok(r.out.includes(`${q.out.amount} ${q.out.currency}`) && r.out.includes("via ethereum"), `out side: ${r.out}`);
          assert.equal(r.rate, q.rate, "rate");
          assert.equal(r.fees.length, q.fees.items.length, "every fee line itemised");
          assert.ok(r.fees.length >= 2, "flat + network fee on an ethereum leg");
          for (const [j, item] of q.fees.items.entries()) {
            assert.equal(r.fees[j].type, item.type);
            assert.ok(r.fees[j].text.includes(`${item.amount} ${item.currency}`) && (!item.description || r.fees[j].text.includes(item.description)), `fee line: ${r.fees[j].text}`);
          }
          assert.equal(r.total, `${q.fees.total} ${q.fees.currency}`, "fee total");
          const { total, scale } = decimalSum(q.fees.items.map((x) => x.amount));
          const sum = scale ? `${total / 10n ** BigInt(scale)}.${String(total % 10n ** BigInt(scale)).padStart(scale, "0")}` : String(total);
          assert.ok(decimalEq(sum, q.fees.total), `fee items add up to the total (${sum} vs ${q.fees.total})`);
          assert.ok(r.accept, "an Accept button per row");
        }
        assert.ok(new Set(snap.quotes.map((q) => q.in.rail)).size >= 2, "several inbound rails compared");
        assert.ok(await page.locator('[data-testid="accept-best"]').isVisible(), "Accept best offered");
        await shot(page, "dashboard-quote.png");

        // Accept a specific leg (not the best one): quotes.accept(id, quoteId).
        const pick = snap.quotes[1];
        await page.click(`button[data-accept="${pick.id}"]`);
        await page.waitForSelector('[data-testid="order-id"]', { timeout: STEP_MS });
        const orderId = (await text(page, '[data-testid="order-id"]')).trim();
        assert.match(orderId, /^[0-9a-f-]{36}$/, `order id shown: ${orderId}`);
        assert.equal(await page.locator(`tr[data-quote-id="${pick.id}"].accepted`).count(), 1, "the accepted row is marked");
        assert.equal(await page.locator("button[data-accept]:not([disabled])").count(), 0, "no further accepts offered on this snapshot");
        assert.ok(!(await page.locator('[data-testid="accept-best"]').isVisible()), "Accept best withdrawn");

        // The orders page lists it (users.myOrders()).
        await page.click('nav.tabs a[data-route="orders"]');
        const orderRow = page.locator(`[data-testid="orders-table"] tr[data-order-id="${orderId}"]`);
        await orderRow.waitFor({ timeout: STEP_MS });
        const orderText = await orderRow.innerText();
        assert.ok(orderText.includes(orderId), "order id in the row");
        assert.match(orderText, new RegExp(`${pick.in.amount.replace(".", "\\.")}(\\.0+)? ${pick.in.currency}`), `fee-inclusive source amount: ${orderText}`);
        assert.match(orderText, /USDC on ethereum/, orderText);
        assert.match(orderText, /awaiting_funds/, `bank-funded orders wait for funds: ${orderText}`);
        assert.match(orderText, new RegExp(`Send ${pick.in.amount.replace(".", "\\.")}(\\.0+)? USD by ${pick.in.rail}`), `funding instructions summarised: ${orderText}`);
        assert.equal(await orderRow.getAttribute("class"), "new", "the new order is highlighted");
        const apiOrders = await orchestration(env, s.tenant.apiKey, "GET", "/user/orders");
        assert.equal(await page.locator('[data-testid="orders-table"] tbody tr').count(), apiOrders.length, "every order of the user listed");
        const placed = apiOrders.find((o) => o.id === orderId);
        assert.ok(placed, "the API has the order");
        assert.ok(decimalEq(placed.source_amount, pick.in.amount), `for the accepted leg's amount (${placed.source_amount} vs ${pick.in.amount})`);
        await shot(page, "dashboard-orders.png");

        // Accept best on a second snapshot: quotes.acceptBest(id).
        await page.click('nav.tabs a[data-route="quotes"]');
        await page.waitForFunction(() => document.querySelectorAll("#destination-currency option").length > 1, null, { timeout: STEP_MS });
        await page.selectOption("#destination-rail", "base");
        await page.click("#quote-submit");
        await page.waitForFunction((old) => document.querySelector('[data-testid="snapshot-meta"]')?.dataset.snapshotId !== old && document.querySelector('[data-testid="accept-best"]:not([hidden])'), snapshotId, { timeout: STEP_MS });
        const second = await page.locator('[data-testid="snapshot-meta"]').getAttribute("data-snapshot-id");
        await page.click('[data-testid="accept-best"]');
        await page.waitForSelector('[data-testid="order-id"]', { timeout: STEP_MS });
        const bestOrder = (await text(page, '[data-testid="order-id"]')).trim();
        const snap2 = await orchestration(env, s.tenant.apiKey, "GET", `/quotes/${second}`);
        assert.equal(await page.locator(`tr[data-quote-id="${snap2.best_quote_id}"].accepted`).count(), 1, "the best row is the accepted one");
        assert.ok((await orchestration(env, s.tenant.apiKey, "GET", "/user/orders")).some((o) => o.id === bestOrder), "accept-best placed an order");

        // Settlement-ready: USD by ACH into a customer's attached USDC wallet, picked from the
        // account list; the order then shows in the org-wide customer feed (customers.orders()).
        const wallet = await walletAccount(env, s);
        await page.click('nav.tabs a[data-route="overview"]');
        await page.click('nav.tabs a[data-route="quotes"]');
        await page.check('input[name="destination-mode"][value="account"]');
        const option = await page.waitForFunction(
          (id) => [...document.querySelectorAll("#destination-account option")].find((o) => o.value.includes(id))?.value,
          wallet.accountId,
          { timeout: STEP_MS },
        );
        await page.selectOption("#destination-account", await option.jsonValue());
        await page.selectOption("#source-rail", "ach");
        await page.click("#quote-submit");
        await page.waitForFunction((old) => document.querySelector('[data-testid="snapshot-meta"]')?.dataset.snapshotId !== old && document.querySelector('[data-testid="accept-best"]:not([hidden])'), second, { timeout: STEP_MS });
        const third = await page.locator('[data-testid="snapshot-meta"]').getAttribute("data-snapshot-id");
        const snap3 = await orchestration(env, s.tenant.apiKey, "GET", `/quotes/${third}`);
        assert.ok(snap3.quotes.length >= 1 && snap3.quotes.every((q) => q.out.account && q.out.account.id === wallet.accountId && q.in.rail === "ach"), "every leg lands in the wallet, paid by ACH");
        const outCells = await page.locator('[data-testid="quotes-table"] tbody tr td:nth-child(3)').allInnerTexts();
        assert.equal(outCells.length, snap3.quotes.length);
        for (const c of outCells) assert.match(c, /via base[\s\S]*external_digital_asset_wallet account/, `the resolved account is shown: ${c}`);
        await page.click('[data-testid="accept-best"]');
        await page.waitForSelector('[data-testid="order-id"]', { timeout: STEP_MS });
        const customerOrder = (await text(page, '[data-testid="order-id"]')).trim();
        await page.click('nav.tabs a[data-route="orders"]');
        await page.check('input[name="orders-scope"][value="org"]');
        const orgRow = page.locator(`[data-testid="orders-table"] tr[data-order-id="${customerOrder}"]`);
        await orgRow.waitFor({ timeout: STEP_MS });
        const orgOrders = await orchestration(env, s.tenant.apiKey, "GET", "/customers/orders");
        assert.equal(await page.locator('[data-testid="orders-table"] tbody tr').count(), orgOrders.length, "the org feed, every row");
        assert.equal(orgOrders.find((o) => o.id === customerOrder)?.ramp_customer_id, wallet.customerId, "the order is the customer's");
        assert.match(await orgRow.innerText(), /USDC on base/);
        assert.deepEqual(tab.diagnostics, [], "no page errors");
      } finally {
        await page.close();
      }
    },
  },
  {
    name: "dashboard: the Cards page lists the edge Worker's cards and mounts the PCI widget; the card renders in its iframe on the widget origin, not in the page",
    run: async (env) => {
      const { assert } = env;
      const s = await stack(env);
      const tab = await openSignedIn(env, s, "#/cards");
      const { page } = tab;
      try {
        const pick = page.locator(`.card-pick[data-card-id="${s.card.id}"]`);
        await pick.waitFor({ timeout: STEP_MS }).catch(async () => {
          throw new Error(`no card listed: ${await text(page, '[data-testid="cards-body"]').catch(() => "?")}`);
        });
        assert.equal(await page.locator(".card-pick").count(), 1, "the demo account's one card");
        assert.match(await pick.innerText(), new RegExp(`•••• ${s.card.last4}[\\s\\S]*ACTIVE`), "last 4 digits and status");
        await pick.click();
        await page
          .waitForFunction(() => ["ready", "error"].includes(document.querySelector('[data-testid="card-status"]').dataset.widget), null, { timeout: 30000 })
          .catch(() => {});
        const status = await text(page, '[data-testid="card-status"]');
        assert.equal(await page.locator('[data-testid="card-status"]').getAttribute("data-widget"), "ready", `the widget is ready: ${status}`);
        const frames = page.frames().filter((f) => f !== page.mainFrame() && f.url().startsWith(env.widgetOrigin + "/"));
        assert.equal(frames.length, 1, `one frame on the widget origin: ${page.frames().map((f) => f.url()).join(", ")}`);
        const frame = frames[0];
        await frame.waitForSelector("#card:not([hidden])", { timeout: STEP_MS });
        assert.match((await frame.locator("#number").textContent()).trim(), new RegExp(`${s.card.last4}$`), "the card number (masked) in the frame");
        assert.equal((await frame.locator("#label").textContent()).trim(), "Dashboard card");
        assert.equal(await page.locator('[data-testid="card-widget"] iframe').count(), 1, "mounted in the Cards page");
        assert.equal(await page.evaluate(() => document.querySelector('[data-testid="card-widget"] iframe').contentDocument), null, "cross-origin frame");
        const html = await page.content();
        assert.ok(!html.includes(s.card.pan) && !html.includes(s.card.pan.replace(/(\d{4})(?=\d)/g, "$1 ")), "the PAN is not in the host page");
        const received = (await Promise.all(tab.bodies)).filter(Boolean).filter((r) => !r.url.startsWith(env.widgetOrigin + "/"));
        assert.ok(!received.some((r) => r.text.includes(s.card.pan)), "the PAN reached no host-side response");
        const tokenCalls = received.filter((r) => r.url === `${s.edgeUrl}/widget-token` && r.method === "POST");
        assert.equal(tokenCalls.length, 1, "one widget token from the edge Worker");
        assert.deepEqual(Object.keys(JSON.parse(tokenCalls[0].text)).sort(), ["expiresAt", "token"]);
        await shot(page, "dashboard-card.png");
        await assertNoSecrets(assert, s, tab);
        assert.deepEqual(tab.diagnostics, [], "no page errors");
      } finally {
        await page.close();
      }
    },
  },
];
