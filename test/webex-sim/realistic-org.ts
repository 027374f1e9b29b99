// An org as years of hand configuration leave it, for import's tests and bench: more entity types
// and fields than ccac manages, a few hundred people (most with a contact-center licence, some
// admins, some with none), names ccac cannot take, lists nothing uses.
import { SPEC_FIXTURES as SPEC } from '../unit/webex/fixtures/spec-examples.js';
import { entryPointBody, queueBody, seedSite, teamBody } from './fixtures.js';
import { CC_LICENSES, ROLE_NAMES } from './state/tenant-seed.js';
import type { SimOrg } from './state/sim-org.js';

export interface RealisticOrg {
  /** E-mail addresses of the people with a contact-center licence. */
  agents: string[];
}

export function seedRealisticOrg(org: SimOrg, people = 300): RealisticOrg {
  const site = seedSite(org, 'Amsterdam');
  const siteId = site.id ?? '';
  const sales = org.add('teams', teamBody('Sales', siteId, { description: 'Inside sales' }));
  const support = org.add('teams', teamBody('Support', siteId));
  org.add('teams', teamBody('Support', siteId, { description: 'a second team of one name' }));
  const holidays = org.add('holidayLists', { ...SPEC.holidayList(), name: 'NL_Holidays' });
  org.add('holidayLists', { ...SPEC.holidayList(), name: 'Unused_Holidays' });
  org.add('businessHours', {
    ...SPEC.businessHours(),
    name: 'Store_Hours',
    timezone: 'Europe/Amsterdam',
    holidaysId: holidays.id,
    overridesId: undefined,
  });
  org.add('queues', { ...queueBody('Sales_Chat_Queue', sales.id ?? ''), description: 'chats' });
  org.add('queues', queueBody('Support_Chat_Queue', support.id ?? ''));
  org.add(
    'entryPoints',
    entryPointBody('Sales_Chat', { channelType: 'CHAT', timezone: 'Europe/Amsterdam' }),
  );
  const voice = org.add(
    'entryPoints',
    entryPointBody('Sales_Voice', { timezone: 'Europe/Amsterdam', maximumActiveContacts: 250 }),
  );
  org.add('entryPoints', entryPointBody('Support Line', { timezone: 'Europe/Amsterdam' }));
  org.add('dialNumbers', {
    ...SPEC.dialNumber(),
    dialledNumber: '+31201234500',
    entryPointId: voice.id,
  });
  org.add('dialNumbers', {
    ...SPEC.dialNumber(),
    dialledNumber: '+31201234599',
    entryPointId: 'gone',
  });
  org.add('audioFiles', { name: 'welcome_nl.wav', contentType: 'AUDIO_WAV' });

  const agents: string[] = [];
  org.addPerson({
    email: 'eva.admin@acme.example',
    displayName: 'Eva Admin',
    licenses: [CC_LICENSES.premium],
    roles: [ROLE_NAMES.fullAdmin],
  });
  agents.push('eva.admin@acme.example');
  for (let i = 0; i < people; i++) {
    const email = `agent${String(i).padStart(5, '0')}@acme.example`;
    const licensed = i % 10 !== 9;
    org.addPerson({
      email,
      displayName: `Agent ${i}`,
      firstName: 'Agent',
      lastName: String(i),
      licenses: licensed ? [i % 7 === 0 ? CC_LICENSES.premium : CC_LICENSES.standard] : [],
    });
    if (licensed) agents.push(email);
  }
  return { agents };
}
