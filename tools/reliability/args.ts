/** Tiny `--name value` argument reader for the reliability tools. */
export function numberArg(name: string, fallback: number): number {
    const at = process.argv.indexOf(`--${name}`);
    if (at < 0) return fallback;
    const n = Number(process.argv[at + 1]);
    if (!Number.isFinite(n) || n < 0)
        throw new Error(`--${name} needs a number, not "${process.argv[at + 1]}"`);
    return n;
}

export const fmt = (n: number): string => Math.round(n).toLocaleString("en-US");
