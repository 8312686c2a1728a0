import { testAcmePack } from './index.js';

testAcmePack();
