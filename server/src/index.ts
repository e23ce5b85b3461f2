export { API_VERSION, buildApp } from './app.ts';
export { ConfigError, loadConfig, type Config } from './config.ts';
export { startProcess, type ProcessRole } from './server.ts';
