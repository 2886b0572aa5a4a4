/**
 * A real MQTT broker for tests: Debian's mosquitto, started on a free loopback port with a
 * private config (anonymous, no persistence), stopped by the test. `.ci/run` installs it; where
 * it is missing the tests that need it skip with a message.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import mqtt, { type MqttClient } from "mqtt";
import { freeLoopbackPort } from "./flow-run";

const CANDIDATES = ["/usr/sbin/mosquitto", "/usr/bin/mosquitto", "/usr/local/sbin/mosquitto"];

export function mosquittoPath(): string | null {
    return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/** Skips the suite (in `before`) when mosquitto is not installed. */
export function skipWithoutMosquitto(ctx: Mocha.Context): void {
    if (mosquittoPath() === null) {
        console.log(
            "      (skipped: mosquitto is not installed; `apt-get install mosquitto`, as .ci/run does)",
        );
        ctx.skip();
    }
}

function connectable(port: number): Promise<boolean> {
    return new Promise((resolve) => {
        const socket = net.connect(port, "127.0.0.1");
        socket.once("connect", () => {
            socket.destroy();
            resolve(true);
        });
        socket.once("error", () => resolve(false));
    });
}

export interface Broker {
    port: number;
    url: string;
    output(): string;
    stop(): Promise<void>;
}

export async function startBroker(): Promise<Broker> {
    const bin = mosquittoPath();
    if (bin === null) throw new Error("mosquitto is not installed");
    const dir = mkdtempSync(join(tmpdir(), "snmp-office-mqtt-"));
    const port = await freeLoopbackPort();
    const conf = join(dir, "mosquitto.conf");
    writeFileSync(
        conf,
        [`listener ${port} 127.0.0.1`, "allow_anonymous true", "persistence false", ""].join("\n"),
    );
    const child: ChildProcess = spawn(bin, ["-c", conf], { stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    child.stdout?.on("data", (d: Buffer) => (log += d.toString()));
    child.stderr?.on("data", (d: Buffer) => (log += d.toString()));
    const end = Date.now() + 10_000;
    while (!(await connectable(port))) {
        if (child.exitCode !== null || Date.now() > end) {
            child.kill("SIGKILL");
            throw new Error(`mosquitto did not start:\n${log}`);
        }
        await new Promise((r) => setTimeout(r, 50));
    }
    return {
        port,
        url: `mqtt://127.0.0.1:${port}`,
        output: () => log,
        async stop(): Promise<void> {
            if (child.exitCode === null) {
                await new Promise<void>((resolve) => {
                    child.once("exit", () => resolve());
                    child.kill("SIGTERM");
                });
            }
            rmSync(dir, { recursive: true, force: true });
        },
    };
}

export interface Received {
    topic: string;
    payload: string;
    retain: boolean;
    at: number;
}

/** A subscriber that keeps everything it receives, retained messages included. */
export interface Subscriber {
    client: MqttClient;
    messages: Received[];
    /** The last payload per topic (as a retained-message view of the broker). */
    latest(): Map<string, string>;
    publish(topic: string, payload: string, retain?: boolean): Promise<void>;
    close(): Promise<void>;
}

export async function subscribe(url: string, topics: string[]): Promise<Subscriber> {
    const client = await mqtt.connectAsync(url, {
        clientId: `test-${process.pid}-${Date.now()}`,
        reconnectPeriod: 0,
    });
    const messages: Received[] = [];
    client.on("message", (topic, payload, packet) => {
        messages.push({ topic, payload: payload.toString(), retain: packet.retain, at: Date.now() });
    });
    await client.subscribeAsync(topics, { qos: 0 });
    return {
        client,
        messages,
        latest() {
            const map = new Map<string, string>();
            for (const m of messages) map.set(m.topic, m.payload);
            return map;
        },
        async publish(topic, payload, retain = false) {
            await client.publishAsync(topic, payload, { retain });
        },
        async close() {
            await client.endAsync();
        },
    };
}
