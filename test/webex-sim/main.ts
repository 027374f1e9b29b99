// npm run webex-sim [-- --port 8787 --token T --org UUID … --audio-file NAME.wav …]
// Starts the simulator and prints the environment that points ccac at it.
import { parseArgs } from 'node:util';
import { startWebexSimulator } from './index.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '8787' },
    token: { type: 'string' },
    org: { type: 'string', multiple: true },
    'audio-file': { type: 'string', multiple: true },
  },
});

const simulator = await startWebexSimulator({
  port: Number(values.port),
  ...(values.token ? { token: values.token } : {}),
  ...(values.org ? { orgs: values.org } : {}),
});
// Audio files cannot be uploaded through the operations ccac uses: music on hold is seeded here.
for (const orgId of simulator.orgIds)
  for (const name of values['audio-file'] ?? [])
    simulator.org(orgId).add('audioFiles', { name, contentType: 'AUDIO_WAV' });

console.log(`Webex simulator listening. Point ccac at it with:

export CCAC_WEBEX_BASE_URL=${simulator.ccUrl}
export CCAC_WEBEX_HUB_URL=${simulator.hubUrl}
export CCAC_WEBEX_TOKEN=${simulator.token}

Org id(s) to put in a Tenant's spec.webex.orgId: ${simulator.orgIds.join(', ')}
Ctrl-C stops it (its state lives in memory only).`);

const stop = (): void => {
  void simulator.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
