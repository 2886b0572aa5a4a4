/**
 * Build the Vue components of node-red-dashboard-2-snmp-office (packages/) with Vite into one UMD
 * file per widget under its resources/, where Node-RED serves them and Dashboard 2 imports them:
 * `resources/<widget>.umd.js` defines `window["<widget>"].<Component>` (the library name must be
 * the widget's key in package.json). Vue and Vuex come from the dashboard page (window.Vue,
 * window.vuex); the CSS is put into the page by the bundle itself.
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join, relative, resolve } from "node:path";

const ROOT = resolve(__dirname, "..");
export const DASHBOARD2_PACKAGE = join(ROOT, "packages", "node-red-dashboard-2-snmp-office");

interface WidgetEntry {
    output: string;
    component: string;
}

/** The widgets of the package, with the entry module of each (ui/<type without "ui-">.js). */
export function widgets(): { type: string; entry: string; output: string; component: string }[] {
    const pkg = JSON.parse(readFileSync(join(DASHBOARD2_PACKAGE, "package.json"), "utf8")) as {
        "node-red-dashboard-2": { widgets: Record<string, WidgetEntry> };
    };
    return Object.entries(pkg["node-red-dashboard-2"].widgets).map(([type, w]) => ({
        type,
        entry: join(DASHBOARD2_PACKAGE, "ui", `${type.replace(/^ui-/, "")}.js`),
        output: w.output,
        component: w.component,
    }));
}

async function build(): Promise<void> {
    // Vite is ESM only; a dynamic import() stays one in the CommonJS that tsc writes.
    const vite = await import("vite");
    const { default: vue } = await import("@vitejs/plugin-vue");
    const out = join(DASHBOARD2_PACKAGE, "resources");
    rmSync(out, { recursive: true, force: true });
    for (const w of widgets()) {
        if (!existsSync(w.entry)) throw new Error(`${relative(ROOT, w.entry)} is missing (widget ${w.type})`);
        await vite.build({
            configFile: false,
            root: DASHBOARD2_PACKAGE,
            logLevel: "warn",
            plugins: [vue()],
            define: { "process.env.NODE_ENV": JSON.stringify("production") },
            build: {
                outDir: out,
                emptyOutDir: false,
                minify: true,
                cssCodeSplit: false,
                lib: {
                    entry: w.entry,
                    name: w.type,
                    formats: ["umd"],
                    fileName: () => w.output,
                },
                rollupOptions: {
                    external: ["vue", "vuex"],
                    output: { globals: { vue: "Vue", vuex: "vuex" } },
                },
            },
        });
        console.log(`wrote ${relative(ROOT, join(out, w.output))}`);
    }
}

if (require.main === module) {
    build().catch((err: unknown) => {
        console.error(err instanceof Error ? err.message : String(err));
        process.exit(1);
    });
}
