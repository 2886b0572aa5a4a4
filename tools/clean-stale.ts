// tsc writes a .js beside every .ts but never deletes one: after a .ts is renamed or removed,
// its old .js stays, and mocha would still run a stale spec (or a module would still load). Remove
// every compiled .js whose .ts source is gone.
import { existsSync, readdirSync, unlinkSync } from "node:fs";
import { join } from "node:path";

const root = join(__dirname, "..");
const SKIP = new Set(["node_modules", "icons", "resources", ".node-red"]);

function sweep(dir: string): number {
    let removed = 0;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) {
            if (!SKIP.has(entry.name)) removed += sweep(path);
        } else if (entry.name.endsWith(".js") && !existsSync(path.slice(0, -3) + ".ts")) {
            unlinkSync(path);
            removed++;
        }
    }
    return removed;
}

let removed = 0;
const packages = join(root, "packages");
const tops = ["nodes", "test", "tools"];
if (existsSync(packages)) {
    for (const p of readdirSync(packages)) tops.push(join("packages", p, "nodes"));
}
for (const top of tops) {
    if (existsSync(join(root, top))) removed += sweep(join(root, top));
}
if (removed > 0) console.log(`removed ${removed} compiled file(s) whose source is gone`);
