/**
 * The rule for every example: importing it never stops a user's flows. Node-RED stops all flows
 * while any node type of the deployed configuration is missing, so an example either uses only
 * core nodes and this package, or is a separate file named after what it needs ("... (needs
 * node-red-dashboard).json") and says so in its first comment. Two examples never create
 * dashboard tabs, pages or groups of the same name.
 *
 * Each example is imported the way the editor does it (fetched from the runtime's example
 * library, placed in a new tab beside the user's flow, full deploy) into a bare Node-RED with
 * only this package; the user's flow (an HTTP endpoint) must keep answering. An example that
 * needs a package is imported into a Node-RED that has it, where that package is installed.
 */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../tools/runtime";
import { startChildRuntime, type ChildRuntime } from "../helpers/runtime";

type FlowNode = Record<string, unknown> & { id: string; type: string; z?: string };

/** What a "(needs …)" in a file name stands for: the npm packages to install. */
const NEEDS: Readonly<Record<string, readonly string[]>> = {
    "node-red-dashboard": ["node-red-dashboard"],
    "Dashboard 2": ["@flowfuse/node-red-dashboard"],
    "node-red-contrib-influxdb": ["node-red-contrib-influxdb"],
    "node-red-contrib-prometheus-exporter": ["node-red-contrib-prometheus-exporter"],
};

const PACKAGE = (JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as { name: string })
    .name;
const FILES = readdirSync(join(PROJECT_ROOT, "examples"))
    .filter((f) => f.endsWith(".json"))
    .sort();
const NAME = /^(\d\d) - [A-Z0-9][^()]*?(?: \(needs ([^()]+)\))?\.json$/;

function needsOf(file: string): string | undefined {
    return NAME.exec(file)?.[2];
}

function read(file: string): FlowNode[] {
    return JSON.parse(readFileSync(join(PROJECT_ROOT, "examples", file), "utf8")) as FlowNode[];
}

/** Dashboard tabs, pages and groups (Dashboard 1 and 2) an example creates, by name. */
const DASHBOARD_PLACES = new Set(["ui_tab", "ui_group", "ui-page", "ui-group"]);

function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

describe("examples: none stops a user's flows", () => {
    it("are named 'NN - Sentence.json', or '... (needs <what>).json' with a known <what>", () => {
        assert.ok(FILES.length >= 10);
        const numbers = new Set<string>();
        for (const file of FILES) {
            const m = NAME.exec(file);
            assert.ok(m, `${file}: not "NN - Sentence.json" or "NN - Sentence (needs X).json"`);
            assert.ok(!numbers.has(m[1] ?? ""), `${file}: number used twice`);
            numbers.add(m[1] ?? "");
            const needs = m[2];
            if (needs !== undefined) assert.ok(NEEDS[needs], `${file}: unknown need "${needs}"`);
        }
    });

    it("open with a comment, which names every package an example needs", () => {
        for (const file of FILES) {
            const [first] = read(file);
            assert.equal(first?.type, "comment", file);
            const needs = needsOf(file);
            for (const pkg of needs === undefined ? [] : (NEEDS[needs] ?? [])) {
                assert.ok(String(first.info).includes(pkg), `${file}: the first comment names ${pkg}`);
            }
        }
    });

    it("point at this machine only: deploying an example as it is sends nothing to any network", () => {
        // Every IPv4 address in a setting that names where to connect must be on loopback (127.0.0.0/8).
        const ipv4 = /\b(\d{1,3})\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/g;
        const places = new Set(["devices", "range", "host", "broker", "hostname", "server", "url"]);
        for (const file of FILES) {
            for (const node of read(file)) {
                for (const [field, value] of Object.entries(node)) {
                    if (!places.has(field) || typeof value !== "string") continue;
                    for (const m of value.matchAll(ipv4)) {
                        assert.equal(m[1], "127", `${file}: ${node.type} ${field} names ${m[0]}`);
                    }
                }
            }
        }
    });

    it("never create two dashboard tabs, pages or groups of the same name", () => {
        const seen = new Map<string, string>();
        for (const file of FILES) {
            for (const node of read(file).filter((n) => DASHBOARD_PLACES.has(n.type))) {
                const name = typeof node.name === "string" ? node.name.trim().toLowerCase() : "";
                assert.ok(name !== "", `${file}: a ${node.type} without a name`);
                const other = seen.get(name);
                assert.equal(
                    other,
                    undefined,
                    `${file}: ${node.type} "${String(node.name)}" also in ${other}`,
                );
                seen.set(name, `${file} (${node.type})`);
            }
        }
    });
});

/** A user's own flow: an HTTP endpoint that answers while the flows run. */
const USER_FLOW: FlowNode[] = [
    { id: "u5e7000000000001", type: "tab", label: "My flow" },
    {
        id: "u5e7000000000002",
        z: "u5e7000000000001",
        type: "http in",
        url: "/still-running",
        method: "get",
        upload: false,
        wires: [["u5e7000000000003"]],
    },
    { id: "u5e7000000000003", z: "u5e7000000000001", type: "http response", statusCode: "200", wires: [] },
];

/**
 * The example as the editor imports it: flow nodes into a new tab, config nodes global. Nothing
 * is triggered (no inject fires) and device lists point at loopback: importing is checked, not
 * polling, and no traffic may leave the machine.
 */
function imported(flow: FlowNode[], tab: string): FlowNode[] {
    const nodes = flow.map((n) => {
        const node: FlowNode = { ...n };
        if (Array.isArray(n.wires) || n.type === "comment") node.z = tab;
        if (n.type === "inject") Object.assign(node, { once: false, repeat: "", crontab: "" });
        if (typeof n.devices === "string") node.devices = "127.0.0.1:9 example";
        return node;
    });
    return [{ id: tab, type: "tab", label: "Imported example" }, ...nodes];
}

class Importer {
    private constructor(readonly rt: ChildRuntime) {}

    static async start(modules: string[]): Promise<Importer> {
        const rt = await startChildRuntime({
            flows: USER_FLOW,
            dashboard: modules.includes("node-red-dashboard"),
            // With Dashboard 2 comes this repository's widgets for it (packages/), as users install them.
            dashboard2: modules.includes("@flowfuse/node-red-dashboard"),
            modules: modules.filter(
                (m) => m !== "node-red-dashboard" && m !== "@flowfuse/node-red-dashboard",
            ),
            logLevel: "info",
        });
        assert.ok(rt.flows.started, rt.output());
        return new Importer(rt);
    }

    /** The node types the runtime has. */
    async types(): Promise<Set<string>> {
        const res = await fetch(`${this.rt.url}/nodes`, { headers: { Accept: "application/json" } });
        const sets = (await res.json()) as { types: string[] }[];
        return new Set(sets.flatMap((s) => s.types));
    }

    /** The example from the runtime's example library, as Import > Examples fetches it. */
    async example(file: string): Promise<FlowNode[]> {
        const name = encodeURIComponent(file.replace(/\.json$/, ""));
        const res = await fetch(`${this.rt.url}/library/examples/flows/${PACKAGE}/${name}`);
        assert.equal(res.status, 200, `${file} is in the runtime's example library`);
        return (await res.json()) as FlowNode[];
    }

    /** Deploys the example beside the user's flow; the user's flow must keep answering. */
    async deploy(file: string, flow: FlowNode[]): Promise<void> {
        const logged = this.rt.output().length;
        const res = await fetch(`${this.rt.url}/flows`, {
            method: "POST",
            headers: { "Content-Type": "application/json", "Node-RED-Deployment-Type": "full" },
            body: JSON.stringify([...USER_FLOW, ...imported(flow, "e8a0000000000001")]),
        });
        assert.equal(res.status, 204, await res.text());
        const deadline = Date.now() + 15_000;
        for (;;) {
            const log = this.rt.output().slice(logged);
            assert.doesNotMatch(log, /Waiting for missing types/, `${file} stopped the flows:\n${log}`);
            const alive = await fetch(`${this.rt.url}/still-running`);
            await alive.text();
            if (alive.status === 200 && /Started flows/.test(log)) return;
            assert.ok(Date.now() < deadline, `${file}: the user's flow did not come back:\n${log}`);
            await sleep(50);
        }
    }

    stop(): Promise<void> {
        return this.rt.stop();
    }
}

describe("examples imported into a real Node-RED", function () {
    this.timeout(120_000);

    describe("with only this package", () => {
        let node: Importer | undefined;
        before(async () => {
            node = await Importer.start([]);
        });
        after(async () => {
            await node?.stop();
        });

        for (const file of FILES) {
            const needs = needsOf(file);
            if (needs === undefined) {
                it(`${file}: imports with every node type present and the flows keep running`, async () => {
                    const importer = node as Importer;
                    const flow = await importer.example(file);
                    const have = await importer.types();
                    const missing = [...new Set(flow.map((n) => n.type))].filter((t) => !have.has(t));
                    assert.deepEqual(missing, [], `${file} uses node types a bare Node-RED lacks`);
                    await importer.deploy(file, flow);
                });
            } else {
                it(`${file}: is named after what it needs, because it does need it`, async () => {
                    const importer = node as Importer;
                    const have = await importer.types();
                    const missing = (await importer.example(file)).filter((n) => !have.has(n.type));
                    assert.ok(missing.length > 0, `${file} would import anywhere: drop "(needs ${needs})"`);
                });
            }
        }
    });

    for (const [needs, packages] of Object.entries(NEEDS)) {
        const files = FILES.filter((f) => needsOf(f) === needs);
        describe(`with ${packages.join(" and ")} installed too`, () => {
            const installed = packages.every((p) => existsSync(join(PROJECT_ROOT, "node_modules", p)));
            let node: Importer | undefined;
            before(async function () {
                if (!installed) {
                    console.log(`    (skipped: ${packages.join(", ")} not installed in this checkout)`);
                    this.skip();
                }
                node = await Importer.start([...packages]);
            });
            after(async () => {
                await node?.stop();
            });
            for (const file of files) {
                it(`${file}: imports and the flows keep running`, async () => {
                    const importer = node as Importer;
                    await importer.deploy(file, await importer.example(file));
                });
            }
        });
    }
});
