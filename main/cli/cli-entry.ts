import { main } from './quire.js';

process.exitCode = await main(process.argv.slice(2));
