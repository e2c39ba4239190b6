// `node measured-cli.js <args>`: the built command line, then its peak resident memory in
// KiB as the last line of stderr (worker threads included), for the large hostile cases.
const entry = new URL('../../dist/cli/main.js', import.meta.url).href;
const { main } = /** @type {{ main(argv: string[]): Promise<number> }} */ (await import(entry));
const code = await main(process.argv.slice(2));
process.stderr.write(`\nmaxRSS ${process.resourceUsage().maxRSS}\n`);
process.exit(code);
