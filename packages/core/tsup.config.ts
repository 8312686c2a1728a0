import { defineConfig } from 'tsup';
import { libraryConfig } from '../../scripts/tsup-library.ts';

export default defineConfig(libraryConfig());
