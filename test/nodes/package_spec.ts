/**
 * The package as a user gets it: installed into a real Node-RED runtime, every node type is
 * registered with its editor template, help and message catalog, and every icon is served.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../tools/runtime";
import { assertSameAsRuntime, loadEditorScript } from "../helpers/editor-checks";
import { httpGet, startChildRuntime, type ChildRuntime } from "../helpers/runtime";

const pkg = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as {
    name: string;
    "node-red": { version: string; nodes: Record<string, string> };
    files: string[];
};
const types = Object.keys(pkg["node-red"].nodes);

/** The parts of GET /nodes (HTML) that come from this package. */
function ourSections(html: string): string {
    return html
        .split(/<!-- --- \[red-module:/)
        .filter((part) => part.startsWith(`${pkg.name}/`))
        .join("\n");
}

describe("package in a real Node-RED runtime", function () {
    this.timeout(60_000);
    let rt: ChildRuntime;

    before(async () => {
        rt = await startChildRuntime({ flows: [], dashboard: false });
    });
    after(async () => {
        await rt?.stop();
    });

    it("declares node-red >=3.0.0 and lists the examples folder in the published files", () => {
        assert.equal(pkg["node-red"].version, ">=3.0.0");
        assert.ok(pkg.files.includes("examples"));
        assert.ok(!pkg.files.some((f) => f.startsWith("test")), "tests are not published");
    });

    it("registers every node type of package.json without errors", async () => {
        const res = await httpGet(rt.url, "/nodes", { Accept: "application/json" });
        assert.equal(res.status, 200);
        const sets = JSON.parse(res.body) as {
            module: string;
            types: string[];
            enabled: boolean;
            err?: string;
        }[];
        const ours = sets.filter((s) => s.module === pkg.name);
        assert.equal(ours.length, types.length, `node sets loaded: ${JSON.stringify(ours)}\n${rt.output()}`);
        for (const set of ours) {
            assert.equal(set.err, undefined, `load error in ${set.types.join(",")}: ${set.err}`);
            assert.ok(set.enabled);
        }
        assert.deepEqual(ours.flatMap((s) => s.types).sort(), [...types].sort());
    });

    it("serves each node's editor template and help panel", async () => {
        const res = await httpGet(rt.url, "/nodes", { Accept: "text/html" });
        assert.equal(res.status, 200);
        const ours = ourSections(res.body);
        for (const type of types) {
            assert.ok(ours.includes(`data-template-name="${type}"`), `template for ${type}`);
            assert.ok(ours.includes(`data-help-name="${type}"`), `help for ${type}`);
        }
    });

    it("serves each node's message catalog", async () => {
        for (const type of types) {
            const res = await httpGet(rt.url, `/locales/${pkg.name}/${type}?lng=en-US`);
            assert.equal(res.status, 200, type);
            const catalog = JSON.parse(res.body) as Record<string, unknown>;
            assert.ok(catalog[type], `catalog for ${type} has a "${type}" section`);
        }
    });

    it("serves every icon from the package's icons folder", async () => {
        const icons = readdirSync(join(PROJECT_ROOT, "icons")).filter((f) => /\.(svg|png)$/.test(f));
        for (const icon of icons) {
            const res = await httpGet(rt.url, `/icons/${pkg.name}/${icon}`);
            assert.equal(res.status, 200, icon);
            if (icon.endsWith(".svg")) assert.match(res.body, /<svg/);
        }
        const list = await httpGet(rt.url, "/icons", { Accept: "application/json" });
        const byModule = JSON.parse(list.body) as Record<string, string[]>;
        assert.deepEqual([...(byModule[pkg.name] ?? [])].sort(), [...icons].sort());
    });

    it("serves the editors' checks from resources/, loaded by both query editors, answering like the runtime", async () => {
        assert.ok(pkg.files.includes("resources"), "resources/ is published");
        const res = await httpGet(rt.url, `/resources/${pkg.name}/editor.js`);
        assert.equal(res.status, 200);
        assert.match(res.type, /javascript/);
        assertSameAsRuntime(loadEditorScript(res.body));
        const html = await httpGet(rt.url, "/nodes", { Accept: "text/html" });
        for (const type of ["printer-supplies", "ap-clients"]) {
            const section = html.body
                .split(/<!-- --- \[red-module:/)
                .find((p) => p.startsWith(`${pkg.name}/${type}]`));
            // Relative, so that it works under any httpAdminRoot; the editor loads it before the node's scripts.
            assert.ok(
                section?.includes(`<script src="resources/${pkg.name}/editor.js"></script>`),
                `${type} loads the shared checks`,
            );
        }
    });

    it("uses only icons it ships (or Font Awesome) in the editor definitions", async () => {
        const res = await httpGet(rt.url, "/nodes", { Accept: "text/html" });
        const icons = new Set(readdirSync(join(PROJECT_ROOT, "icons")));
        for (const m of ourSections(res.body).matchAll(/icon:\s*"([^"]+)"/g)) {
            const icon = m[1] ?? "";
            if (icon.startsWith("font-awesome/") || icon.startsWith("node-red/")) continue;
            assert.ok(icons.has(icon), `icon ${icon} is in icons/`);
        }
    });
});
