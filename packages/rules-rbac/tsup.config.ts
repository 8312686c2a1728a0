import { defineConfig } from 'tsup';
import { libraryConfig } from '../../scripts/tsup-library.js';

export default defineConfig(libraryConfig());
