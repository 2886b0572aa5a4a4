/**
 * `npm start`: a small office on the dashboard, out of the box.
 *
 *   npm start                          simulated office (printers and Wi-Fi on loopback)
 *   npm start -- --real                your devices: PRINTERS, APS, COMMUNITY (see --help)
 *   npm start -- --config office.json  your devices, from a file
 *
 * Starts the simulator (unless --real / --config), then Node-RED with this package linked from
 * the working tree and a private user directory (.node-red/ in the project), with the demo flow
 * written anew (the simulator's ports change at every start). Ctrl-C stops both.
 */
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { PROJECT_ROOT, startRuntime, type Runtime } from "../runtime";
import { demoFlow, type DemoFlow, type SnmpSettings } from "./flow";
import { startOffice, type Office } from "./office";

const HELP = `npm start [-- options]

Starts Node-RED on http://127.0.0.1:1880 (editor) with the same printers and Wi-Fi on both
dashboards: node-red-dashboard at /ui and Dashboard 2 at /dashboard. Without options the devices
are simulated on this machine.

Options:
  --real             poll your own devices, listed in environment variables:
                       PRINTERS   printers, separated by ";" or new lines: "host[:port] [name]"
                       APS        access points or controllers, the same way
                       COMMUNITY  SNMP community (default "public"); SNMP_VERSION 1 or 2c (default 2c)
  --config FILE      the same from a JSON file:
                       {"printers": ["10.0.0.5 Office 2F"], "aps": ["10.0.0.2 Controller"],
                        "community": "public", "version": "2c", "timeout": 5000}
  --user-dir DIR     Node-RED user directory (default .node-red in the project)
  --help             this text

Environment: PORT (editor and dashboard port, default 1880), HOST (address to listen on, default
127.0.0.1: this computer only; HOST=0.0.0.0 opens the editor and dashboard to other computers of
your network, with no password: only on a network you trust).
SNMPv3 and other settings: change the "snmp-credentials" node in the editor.
`;

interface DeviceConfig {
    printers: string[];
    aps: string[];
    snmp: SnmpSettings;
}

function count(list: unknown[], noun: string): string {
    return `${list.length} ${noun}${list.length === 1 ? "" : "s"}`;
}

function deviceLines(text: string | undefined): string[] {
    return (text ?? "")
        .split(/[;\n]/)
        .map((l) => l.trim())
        .filter((l) => l !== "");
}

function version(v: unknown): "1" | "2c" {
    const s = (typeof v === "string" || typeof v === "number" ? String(v) : "2c").toLowerCase();
    if (s === "1" || s === "v1") return "1";
    if (s === "2c" || s === "v2c" || s === "2") return "2c";
    throw new Error(`SNMP version "${s}" is not supported by the demo (1 or 2c; for v3 use the editor)`);
}

/** One line per device: what it is, its address and its name ("  printer  127.0.0.11:40161  Reception"). */
export function deviceList(devices: Pick<DeviceConfig, "printers" | "aps">): string[] {
    const rows = [
        ...devices.printers.map((line) => ["printer", line] as const),
        ...devices.aps.map((line) => ["Wi-Fi", line] as const),
    ].map(([kind, line]) => {
        const [address = "", ...name] = line.split(/\s+/);
        return { kind, address, name: name.join(" ") };
    });
    const width = Math.max(0, ...rows.map((r) => r.address.length));
    return rows.map((r) => `  ${r.kind.padEnd(8)} ${r.address.padEnd(width)}  ${r.name}`.trimEnd());
}

/** Devices from PRINTERS / APS / COMMUNITY, or from a JSON file. */
export function realDevices(env: NodeJS.ProcessEnv, configFile?: string): DeviceConfig {
    if (configFile !== undefined) {
        const c = JSON.parse(readFileSync(configFile, "utf8")) as Record<string, unknown>;
        const list = (v: unknown): string[] =>
            Array.isArray(v) ? v.map(String) : typeof v === "string" ? deviceLines(v) : [];
        return {
            printers: list(c.printers),
            aps: list(c.aps),
            snmp: {
                version: version(c.version),
                community: typeof c.community === "string" ? c.community : "public",
                ...(typeof c.timeout === "number" ? { timeout: c.timeout } : {}),
            },
        };
    }
    return {
        printers: deviceLines(env.PRINTERS),
        aps: deviceLines(env.APS),
        snmp: { version: version(env.SNMP_VERSION), community: env.COMMUNITY ?? "public" },
    };
}

/** Deploy the flow the way the editor does, so that the community is stored as a credential. */
async function deployWithCredentials(url: string, flows: DemoFlow): Promise<void> {
    const withCreds = flows.flows.map((n) =>
        flows.credentials[n.id] ? { ...n, credentials: flows.credentials[n.id] } : n,
    );
    const res = await fetch(`${url}/flows`, {
        method: "POST",
        headers: { "Content-Type": "application/json", "Node-RED-Deployment-Type": "full" },
        body: JSON.stringify(withCreds),
    });
    if (!res.ok) throw new Error(`could not deploy the demo flow: ${res.status} ${await res.text()}`);
}

async function main(): Promise<void> {
    const { values } = parseArgs({
        options: {
            real: { type: "boolean", default: false },
            config: { type: "string" },
            "user-dir": { type: "string" },
            help: { type: "boolean", default: false },
        },
    });
    if (values.help) {
        process.stdout.write(HELP);
        return;
    }
    const port = process.env.PORT === undefined ? 1880 : Number(process.env.PORT);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
        throw new Error(`PORT "${process.env.PORT}" is not a port`);
    const host = process.env.HOST ?? "127.0.0.1";

    let office: Office | undefined;
    let devices: DeviceConfig;
    if (values.real || values.config !== undefined) {
        devices = realDevices(process.env, values.config);
        if (devices.printers.length + devices.aps.length === 0) {
            throw new Error("no devices given: set PRINTERS and/or APS (see npm start -- --help)");
        }
    } else {
        office = await startOffice();
        devices = {
            printers: office.printers,
            aps: office.aps,
            snmp: { version: "2c", community: "public" },
        };
    }

    const flow = demoFlow({
        printers: devices.printers,
        aps: devices.aps,
        snmp: devices.snmp,
        printerIntervalS: office ? 10 : 60,
        apIntervalS: office ? 5 : 30,
        source: office ? "simulator" : "devices",
    });
    let runtime: Runtime | undefined;
    const stop = async (): Promise<void> => {
        await runtime?.stop().catch(() => undefined);
        await office?.stop().catch(() => undefined);
    };
    const userDir = values["user-dir"] ?? join(PROJECT_ROOT, ".node-red");
    // The flow is written anew, so are its credentials: a community left from an earlier
    // `--real` run must not reach the simulator (or the next devices).
    rmSync(join(userDir, "flows_cred.json"), { force: true });
    try {
        runtime = await startRuntime({
            userDir,
            port,
            host,
            flows: flow.flows,
            dashboard: true,
            // The same office on Dashboard 2, with this repository's widgets for it.
            dashboard2: true,
            // Node-RED's own log: deploys, missing node types, stopped flows.
            logLevel: "info",
        });
        // The simulator answers to "public", which an empty community means: only a real
        // community needs the credential deploy.
        if (devices.snmp.community !== "public") await deployWithCredentials(runtime.url, flow);
    } catch (err) {
        await stop();
        throw err;
    }

    const lines = [
        "",
        office
            ? `Simulated office: ${count(office.printers, "printer")}, ${count(office.aps, "Wi-Fi device")} (${office.addressing}):`
            : `Your devices: ${count(devices.printers, "printer")}, ${count(devices.aps, "Wi-Fi device")}:`,
        ...deviceList(devices),
        `  Editor:                         ${runtime.url}/`,
        `  Dashboard (node-red-dashboard): ${runtime.url}/ui`,
        `  Dashboard 2:                    ${runtime.url}/dashboard`,
        "Ctrl-C to stop.",
        "",
    ];
    process.stdout.write(lines.join("\n") + "\n");

    let stopping = false;
    const onSignal = (): void => {
        if (stopping) return;
        stopping = true;
        void stop().then(() => process.exit(0));
    };
    process.on("SIGINT", onSignal);
    process.on("SIGTERM", onSignal);
}

if (require.main === module) {
    main().catch((err: unknown) => {
        process.stderr.write(`npm start: ${err instanceof Error ? err.message : String(err)}\n`);
        process.exit(1);
    });
}
