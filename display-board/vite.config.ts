import { uiViteConfig } from '../vite.config.base';

export default uiViteConfig();
