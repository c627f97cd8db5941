// `npm run scenario:schema`: regenerates scenarios/scenario.schema.json from the zod schema in
// shared/scenario. Commit the result; tests/shared/scenario/json-schema.test.ts fails when it is stale.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { scenarioJsonSchemaText } from '../shared/scenario/json-schema';

const target = path.resolve('scenarios/scenario.schema.json');
writeFileSync(target, scenarioJsonSchemaText());
console.log(`wrote ${path.relative(process.cwd(), target)}`);
