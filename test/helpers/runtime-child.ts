/**
 * Runs a real Node-RED runtime in a child process for tests (Node-RED is a process-wide
 * singleton, and the test helper owns the runtime in the mocha process). Started with fork():
 * argv[2] is the JSON of RuntimeOptions; it reports `{port}` and stops on the message "stop".
 */
import { startRuntime, type RuntimeOptions } from "../../tools/runtime";

async function main(): Promise<void> {
    const options = JSON.parse(process.argv[2] ?? "{}") as RuntimeOptions;
    const runtime = await startRuntime({ port: 0, ...options });
    process.send?.({ port: runtime.port, flows: runtime.flows });
    process.on("message", (msg) => {
        if (msg === "stop") {
            runtime.stop().then(
                () => process.exit(0),
                () => process.exit(1),
            );
        }
    });
}

main().catch((err: unknown) => {
    process.send?.({ error: err instanceof Error ? err.message : String(err) });
    process.exit(1);
});
