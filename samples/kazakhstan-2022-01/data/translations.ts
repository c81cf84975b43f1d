/** English translations of key testimonies (of their text, which is the quoted passage). */
import { clock, type RecordSpec } from './types.ts';

const at = clock('2022-01-13T15:00:00Z');

const en = (key: string, testimony: string, text: string): RecordSpec => ({
  key,
  kind: 'translation',
  author: 'translator',
  created: at(),
  content: { lang: 'en', from: 'fr', fields: { text }, machine: false, translator: 'Keruen sample translator (demo)' },
  refs: [{ to: testimony, role: 'translates' }],
});

export const TRANSLATIONS: RecordSpec[] = [
  en(
    'tr:last-message-0105',
    't:last-message-0105',
    'What is happening in Kazakhstan right now had never, ever happened before. All night there were explosions and police violence, and people burned police cars, and sometimes just cars. Right now people are walking around the main avenues and something is happening over by the Akimat',
  ),
  en(
    'tr:moldabekov-night',
    't:moldabekov-night',
    'When the protesters approached the square, the police started throwing stun grenades and tear gas. Along with thousands of others, we choked, our eyes and faces burned, we felt sick, we could not stop coughing. It is a miracle I did not pass out. They must have fired more than a hundred grenades between 11 p.m. and 4 a.m., when my colleagues had to take me home. I could still hear the detonations from my flat. About an hour after reaching Republic Square, the crowd headed towards Abai street. There they faced an armoured personnel carrier coming in their direction. A truck went by with citizens waving Kazakh flags. Some of them carried shields that seemed to have been torn from the riot police.',
  ),
  en(
    'tr:half-empty-city',
    't:half-empty-city',
    'The city was half empty. Cars flying Kazakh flags drove through the streets, the people inside shouting with joy. Everything was closed. On the doors, signs reading "we are with the people". An exciting atmosphere. As we got closer to the square, there were more and more groups of young men. I saw a police epaulette lying in the road. People with sticks were gathering. It became a little frightening, but nobody was aggressive. At the monument to the events of 1986 (the uprising against the Soviet regime), we met protesters with police shields. No police officer or soldier was in sight.',
  ),
  en(
    'tr:akimat-burning',
    't:akimat-burning',
    'Then we saw the Akimat burning. We could not believe our eyes. People were feeding bonfires. Everyone was calm. They broke down the doors of the building facing the Akimat. There were television channels and other government services in it. Some men came back towards us: "Why have you come?" (they meant: "Why have you come, when you are Russians?"). "It is my city as much as yours," I answered. They welcomed us cheerfully. We felt no aggression from them at all.',
  ),
  en(
    'tr:tea-with-protester',
    't:tea-with-protester',
    'We offered the protesters hot tea. The man told us he had been at the protests from the start and that everything had begun peacefully, until the authorities started using stun grenades and resorting to violence. "Now," he said, "they are shooting at the fighters." The guards stayed only close to the Akimat building. He and another man had seen people shot in the head. They were calling taxis to take the wounded to hospital. He told us they planned to occupy the airport, so that the Russian military could not land there.',
  ),
  en(
    'tr:rubber-bullets-leaving',
    't:rubber-bullets-leaving',
    'None of the people we saw on the square looked like a "looter" [sic]. They wanted the government to resign. They were not following orders; nobody was pulling the strings. It was a nationwide workers\' uprising. Nobody was afraid to die, but nobody was angry. They showed us wounds caused by rubber bullets and warned us that there would soon be more serious shooting, and that we had better leave. The sound of explosions and gunfire became more and more frequent. We left. A man gave us a lift. Throughout those days, people showed great solidarity with one another.',
  ),
  en(
    'tr:midnight-shutdown',
    't:midnight-shutdown',
    'My friends and I decided to stay together at home. We were all over-excited. That was before news of the destruction, the looting and the civilian casualties reached us. At midnight, between 5 and 6 January, all internet connections were cut. We were isolated for four days; we could only make and receive calls, and even that did not work very well.',
  ),
  en(
    'tr:reconnection',
    't:reconnection',
    'On the morning of 9 January it became possible again to connect to the internet through proxies. Mobile data was still not available. On the morning of 10 January the connection was restored everywhere, but only until 1 p.m.; then it came back between 5 p.m. and 7:30 p.m.',
  ),
  en(
    'tr:banner-0106',
    't:banner-0106',
    'On 6 January, activists came to the square. They unfurled a banner that read "We are not terrorists." The police fired on them and killed at least one of them.',
  ),
];
