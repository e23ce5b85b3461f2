export { catalogue } from './catalogue-data.ts';
export type * from './catalogue-types.ts';
export { seedCatalogue, type CatalogueSeedResult } from './seed-catalogue.ts';
export {
  DEMO_CONTROLLERS,
  DEMO_DISPLAY_TOKEN,
  demoControllerEndpoint,
  DEMO_KIOSK_TOKEN,
  DEMO_PASSWORD,
  DemoSeedRefused,
  seedDemo,
  type DemoAccountInfo,
  type DemoSeedOptions,
} from './demo.ts';
export { DEMO_STUDENTS, demoStudents } from './demo-people.ts';
