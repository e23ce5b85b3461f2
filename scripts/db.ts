// npm run db:migrate | db:seed — the same steps npm start runs, on their own.
import { ensureDatabase, runMigrations } from '@campus/db';
import { loadConfig } from '../server/src/config.ts';
import { prepareDatabase } from '../server/src/server.ts';

const command = process.argv[2];
const config = loadConfig();
if (command === 'migrate') {
  await ensureDatabase(config.databaseUrl);
  await runMigrations(config.databaseUrl);
  console.log('Migrations applied.');
} else if (command === 'seed') {
  await prepareDatabase(config);
  console.log(config.demoSeed ? 'Catalogue and demo data seeded.' : 'Catalogue seeded.');
} else {
  console.error('usage: tsx scripts/db.ts migrate|seed');
  process.exit(2);
}
