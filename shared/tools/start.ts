/** `npm start`: the whole system on 127.0.0.1 with seeded data. Filled in by the emulator issues. */
console.error('npm start: the local CloudBase emulator is not built yet (see the open emulator issues).');
process.exit(1);
