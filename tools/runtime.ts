/**
 * Start a real Node-RED runtime with this package installed from the working tree, in a private
 * user directory. Used by `npm start` (the demo) and by tests that need the whole runtime (icons
 * and help served, dashboards in a browser).
 *
 * The package is "installed" by a symlink in <userDir>/node_modules, which is how Node-RED finds
 * any installed node module; node-red-dashboard is linked the same way when it is present.
 */
import { createCipheriv, createHash, randomBytes } from "node:crypto";
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
    /** How the flows came up: started, or stopped for node types that are not installed. */
    flows: FlowsState;
    stop(): Promise<void>;
}

export type FlowsState = { started: true } | { started: false; missingTypes: string[] };

/** The part of Node-RED's event bus used here (RED.events). */
interface RuntimeEvents {
    on(event: string, listener: (arg: unknown) => void): void;
    removeListener(event: string, listener: (arg: unknown) => void): void;
}

/**
 * Resolves when the flows have started, or when Node-RED has stopped them for node types it
 * does not have (the runtime-state event the editor shows as "flows stopped").
 */
export function flowsSettled(events: RuntimeEvents): Promise<FlowsState> {
    return new Promise((resolve) => {
        const done = (state: FlowsState): void => {
            events.removeListener("flows:started", onStarted);
            events.removeListener("runtime-event", onEvent);
            resolve(state);
        };
        const onStarted = (): void => done({ started: true });
        const onEvent = (event: unknown): void => {
            const e = event as { id?: string; payload?: { state?: string; error?: string; types?: unknown } };
            if (e.id !== "runtime-state" || e.payload?.state !== "stop") return;
            const types = Array.isArray(e.payload.types) ? e.payload.types.map(String) : [];
            done({ started: false, missingTypes: types });
        };
        events.on("flows:started", onStarted);
        events.on("runtime-event", onEvent);
    });
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

/**
 * Prepare the user directory: package.json, links to this package (and the dashboard), flows.
 * Returns the packages installed there.
 */
function prepareUserDir(options: RuntimeOptions): string[] {
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
    return Object.keys(deps);
}

/** The key the user directory's credentials are encrypted with (a local demo and test key). */
const CREDENTIAL_SECRET = "snmp-office-local-demo";

/**
 * An empty, encrypted credentials file when there is none yet. Node-RED warns "Encrypted
 * credentials not found" when a credential secret is set and the file is missing or plain; the
 * format is Node-RED's: `{"$": hex(iv) + base64(aes-256-ctr(JSON))}` under sha256(secret).
 */
export function ensureCredentialsFile(userDir: string, secret: string): void {
    const file = join(userDir, "flows_cred.json");
    if (existsSync(file)) return;
    const iv = randomBytes(16);
    const cipher = createCipheriv("aes-256-ctr", createHash("sha256").update(secret).digest(), iv);
    const sealed = cipher.update("{}", "utf8", "base64") + cipher.final("base64");
    writeFileSync(file, JSON.stringify({ $: iv.toString("hex") + sealed }));
}

/** Start Node-RED in this process. Only one runtime per process (Node-RED is a singleton). */
export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
    const installed = prepareUserDir(options);
    // Loaded lazily: node-red is a dev dependency, needed only where a runtime is started.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const RED = require("node-red") as {
        init(server: http.Server, settings: Record<string, unknown>): void;
        start(): Promise<void>;
        stop(): Promise<void>;
        httpAdmin: http.RequestListener;
        httpNode: http.RequestListener;
        settings: { httpAdminRoot: string | false; httpNodeRoot: string | false };
        events: RuntimeEvents;
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
        credentialSecret: CREDENTIAL_SECRET,
        httpAdminRoot: "/",
        httpNodeRoot: "/",
        uiPort: options.port ?? 1880,
        uiHost: options.host ?? "127.0.0.1",
        logging: { console: { level: options.logLevel ?? "warn", metrics: false, audit: false } },
        // Projects stay off, Node-RED's default; saying `enabled: false` would log a warning.
        editorTheme: { tours: false, projects: {} },
        // No first-run consent dialog and no update checks: the demo runs offline.
        telemetry: { enabled: false },
        functionExternalModules: false,
        // Only what is installed in the user directory, as for a user: Node-RED would also load
        // the node packages beside its own install (this project's node_modules).
        externalModules: { palette: { allowList: installed } },
        ui: { path: "ui" },
        ...options.settings,
    };
    if (typeof settings.credentialSecret === "string") {
        ensureCredentialsFile(options.userDir, settings.credentialSecret);
    }
    RED.init(server, settings);
    app.use("/", RED.httpAdmin);
    app.use("/", RED.httpNode);

    // Started before it listens (as Node-RED's own red.js does): an editor left open in a browser
    // would otherwise ask too early and get "runtime not started" errors.
    const settled = flowsSettled(RED.events);
    await RED.start();
    await new Promise<void>((resolveListen, reject) => {
        server.once("error", reject);
        server.listen(options.port ?? 1880, options.host ?? "127.0.0.1", () => resolveListen());
    });
    const flows = await settled;
    const port = (server.address() as AddressInfo).port;
    return {
        port,
        url: `http://${options.host ?? "127.0.0.1"}:${port}`,
        flows,
        async stop(): Promise<void> {
            await RED.stop();
            await new Promise<void>((r) => server.close(() => r()));
        },
    };
}
