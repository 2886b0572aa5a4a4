/**
 * Start a real Node-RED runtime with this package installed from the working tree, in a private
 * user directory. Used by `npm start` (the demo) and by tests that need the whole runtime (icons
 * and help served, dashboards in a browser).
 *
 * The package is "installed" by a symlink in <userDir>/node_modules, which is how Node-RED finds
 * any installed node module; node-red-dashboard is linked the same way when it is present.
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { dirname, join, resolve } from "node:path";

export const PROJECT_ROOT = resolve(__dirname, "..");
const PACKAGE_NAME = (
    JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8")) as { name: string }
).name;

/** The Dashboard 2 widgets of this repository (an npm workspace of its own). */
export const DASHBOARD2_WIDGETS_NAME = "node-red-dashboard-2-snmp-office";
export const DASHBOARD2_WIDGETS = join(PROJECT_ROOT, "packages", DASHBOARD2_WIDGETS_NAME);

export interface RuntimeOptions {
    userDir: string;
    /** HTTP port; 0 picks a free one. */
    port?: number;
    host?: string;
    /** Flows to start with (written to flows.json when given). */
    flows?: unknown[];
    /** Extra Node-RED settings. */
    settings?: Record<string, unknown>;
    /** Link node-red-dashboard into the user directory (default true when installed). */
    dashboard?: boolean;
    /**
     * Link Dashboard 2 (@flowfuse/node-red-dashboard) and this repository's widgets for it
     * (packages/node-red-dashboard-2-snmp-office) into the user directory (default false).
     */
    dashboard2?: boolean;
    /** Other node modules of this project's node_modules to install there (as a user would). */
    modules?: string[];
    /** Log level (default "warn"). */
    logLevel?: string;
}

export interface Runtime {
    port: number;
    url: string;
    stop(): Promise<void>;
}

function link(target: string, at: string): void {
    try {
        if (lstatSync(at)) rmSync(at, { recursive: true, force: true });
    } catch {
        // Nothing there yet.
    }
    mkdirSync(dirname(at), { recursive: true });
    symlinkSync(target, at, "dir");
}

/** Prepare the user directory: package.json, links to this package (and the dashboard), flows. */
function prepareUserDir(options: RuntimeOptions): void {
    const dir = options.userDir;
    mkdirSync(join(dir, "node_modules"), { recursive: true });
    const deps: Record<string, string> = { [PACKAGE_NAME]: `file:${PROJECT_ROOT}` };
    link(PROJECT_ROOT, join(dir, "node_modules", PACKAGE_NAME));
    const dashboard = join(PROJECT_ROOT, "node_modules", "node-red-dashboard");
    if (options.dashboard !== false && existsSync(dashboard)) {
        link(dashboard, join(dir, "node_modules", "node-red-dashboard"));
        deps["node-red-dashboard"] = "*";
    }
    const dashboard2 = join(PROJECT_ROOT, "node_modules", "@flowfuse", "node-red-dashboard");
    if (options.dashboard2 === true && existsSync(dashboard2)) {
        link(dashboard2, join(dir, "node_modules", "@flowfuse", "node-red-dashboard"));
        deps["@flowfuse/node-red-dashboard"] = "*";
        // Dashboard 2 finds third-party widgets through the dependencies of the user directory's
        // package.json (names containing "node-red-dashboard-2-"), as a palette install lists them.
        link(DASHBOARD2_WIDGETS, join(dir, "node_modules", DASHBOARD2_WIDGETS_NAME));
        deps[DASHBOARD2_WIDGETS_NAME] = `file:${DASHBOARD2_WIDGETS}`;
    }
    for (const name of options.modules ?? []) {
        link(join(PROJECT_ROOT, "node_modules", name), join(dir, "node_modules", name));
        deps[name] = "*";
    }
    writeFileSync(
        join(dir, "package.json"),
        JSON.stringify({ name: "snmp-office-user-dir", private: true, dependencies: deps }, null, 2),
    );
    if (options.flows !== undefined) {
        writeFileSync(join(dir, "flows.json"), JSON.stringify(options.flows, null, 2));
    }
}

/** Start Node-RED in this process. Only one runtime per process (Node-RED is a singleton). */
export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
    prepareUserDir(options);
    // Loaded lazily: node-red is a dev dependency, needed only where a runtime is started.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const RED = require("node-red") as {
        init(server: http.Server, settings: Record<string, unknown>): void;
        start(): Promise<void>;
        stop(): Promise<void>;
        httpAdmin: http.RequestListener;
        httpNode: http.RequestListener;
        settings: { httpAdminRoot: string | false; httpNodeRoot: string | false };
    };
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const express = require(require.resolve("express", { paths: [require.resolve("node-red")] })) as () => {
        use(path: string, handler: http.RequestListener): void;
    } & http.RequestListener;

    const app = express();
    const server = http.createServer(app);
    const settings: Record<string, unknown> = {
        userDir: options.userDir,
        flowFile: "flows.json",
        credentialSecret: "snmp-office-local-demo",
        httpAdminRoot: "/",
        httpNodeRoot: "/",
        uiPort: options.port ?? 1880,
        uiHost: options.host ?? "127.0.0.1",
        logging: { console: { level: options.logLevel ?? "warn", metrics: false, audit: false } },
        editorTheme: { tours: false, projects: { enabled: false } },
        // No first-run consent dialog and no update checks: the demo runs offline.
        telemetry: { enabled: false },
        functionExternalModules: false,
        ui: { path: "ui" },
        ...options.settings,
    };
    RED.init(server, settings);
    app.use("/", RED.httpAdmin);
    app.use("/", RED.httpNode);

    await new Promise<void>((resolveListen, reject) => {
        server.once("error", reject);
        server.listen(options.port ?? 1880, options.host ?? "127.0.0.1", () => resolveListen());
    });
    await RED.start();
    const port = (server.address() as AddressInfo).port;
    return {
        port,
        url: `http://${options.host ?? "127.0.0.1"}:${port}`,
        async stop(): Promise<void> {
            await RED.stop();
            await new Promise<void>((r) => server.close(() => r()));
        },
    };
}
