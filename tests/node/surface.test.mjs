// Node-only: each client's JS surface is exactly what its generated .d.ts declares. The
// .d.ts is rendered from the endpoint rows (a Rust test checks rows ⇔ TypeScript table);
// this checks declarations ⇔ the objects a client really has, namespace by namespace.
import { readFileSync } from "node:fs";
import { join } from "node:path";

/** `{ prop: interface }` of the `readonly prop: Interface;` members of `class name` in `text`. */
function classMembers(text, name) {
  const body = text.split(`export class ${name} {`)[1]?.split("\n}\n")[0] ?? "";
  return Object.fromEntries([...body.matchAll(/^ +readonly (\w+): (\w+);$/gm)].map((m) => [m[1], m[2]]));
}

/** Every interface of `text`: its methods and its `readonly` namespace members. */
function interfaces(text) {
  const out = {};
  for (const m of text.matchAll(/^export interface (\w+) \{\n([\s\S]*?)^\}$/gm)) {
    const body = m[2];
    out[m[1]] = {
      methods: [...body.matchAll(/^ {2}(\w+)\(/gm)].map((x) => x[1]),
      children: Object.fromEntries([...body.matchAll(/^ {2}readonly (\w+): (\w+);$/gm)].map((x) => [x[1], x[2]])),
    };
  }
  return out;
}

/** Dotted paths of every function under the namespaces `roots` of `obj`. */
function runtime(obj, roots) {
  const out = [];
  const walk = (o, path) => {
    for (const [k, v] of Object.entries(o)) {
      if (typeof v === "function") out.push(`${path}.${k}`);
      else if (v && typeof v === "object") walk(v, `${path}.${k}`);
    }
  };
  for (const r of roots) walk(obj[r], r);
  return out.sort();
}

/** Dotted paths of every method the declarations give the namespaces `roots`. */
function declared(ifaces, roots) {
  const out = [];
  const walk = (name, path) => {
    const i = ifaces[name];
    if (!i) throw new Error(`interface ${name} (${path}) is not declared`);
    for (const m of i.methods) out.push(`${path}.${m}`);
    for (const [k, child] of Object.entries(i.children)) walk(child, `${path}.${k}`);
  };
  for (const [prop, iface] of Object.entries(roots)) walk(iface, prop);
  return out.sort();
}

const CLIENTS = [
  {
    class: "SeismicOrchestrationClient",
    classFile: "orchestration.d.ts",
    file: "orchestration-methods.d.ts",
    make: (sdk) => new sdk.SeismicOrchestrationClient({ baseUrl: "http://127.0.0.1:9/api", apiKey: "key" }),
  },
  {
    class: "SeismicCardsClient",
    file: "cards.d.ts",
    make: (sdk) => new sdk.SeismicCardsClient({ baseUrl: "http://127.0.0.1:9", clientId: "id", clientSecret: "secret" }),
  },
  {
    class: "StoredValueClient",
    file: "stored-value.d.ts",
    make: (sdk) => new sdk.StoredValueClient({ baseUrl: "http://127.0.0.1:9", apiKey: "key" }),
  },
  {
    class: "EnvelopeClient",
    file: "envelope.d.ts",
    make: (sdk) => new sdk.EnvelopeClient({ baseUrl: "http://127.0.0.1:9", apiKey: "key", encryptionKey: new Uint8Array(32) }),
  },
];

export const tests = [
  {
    name: "node surface: every client has exactly the methods its generated .d.ts declares, in frozen namespaces",
    fn: async ({ assert, node, sdk }) => {
      for (const c of CLIENTS) {
        const glue = readFileSync(join(node.pkgDir, c.classFile ?? "seismic_sdk.d.ts"), "utf8");
        const roots = classMembers(glue, c.class);
        assert.ok(Object.keys(roots).length > 0, `${c.class}: namespace members declared`);
        const decl = declared(interfaces(readFileSync(join(node.pkgDir, c.file), "utf8")), roots);
        const client = c.make(sdk);
        const real = runtime(client, Object.keys(roots));
        const missing = decl.filter((m) => !real.includes(m));
        const undeclared = real.filter((m) => !decl.includes(m));
        assert.deepEqual({ missing, undeclared }, { missing: [], undeclared: [] }, `${c.class}: declared but missing at run time / present but undeclared`);
        assert.ok(real.length >= 2, `${c.class}: ${real.length} methods`);
        for (const r of Object.keys(roots)) assert.ok(Object.isFrozen(client[r]), `${c.class}.${r} is frozen`);
      }
    },
  },
];
