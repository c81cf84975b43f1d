/**
 * The words and patterns findClaims reads an attribution by: speech verbs, "selon X,", "X said",
 * "Officiellement", the speaker after the statement, and the small words that are no speaker.
 * Moved out of claims.ts unchanged.
 */

export const SP = '[\\s\\u00a0]+';
export const SP0 = '[\\s\\u00a0]*';
export const AP = "['’]";

/** Speech verbs that take what was said after them (with "que", ":", a quote, or as an object: "confirmé la mort de ..."). */
export const VERB_FR =
  'déclar|affirm|indiqu|annonc|assur|expliqu|ajout|précis|soulign|remarqu|reconn|écri|racont|rapport|prétend|confirm|dément|démenti|ni[ée]|signal|avert|estim|expliqu|di[st]|exprim';
export const VERB_FR_FORMS = `(?:${VERB_FR})(?:é|ée|és|ées|e|ent|ant|it|ait|aient|u|ue|us|t|ons)?`;
export const VERB_RU = 'заяв|сообщ|сказа|отмет|подчеркн|утвержда|признал|рассказ|пишет|написал|объяв';
export const VERB_EN = 'said|says|stated|states|claimed|claims|told|announced|confirmed|reported|wrote|added|declared|insisted|denied|alleged';

/** "a déclaré", "ont souvent affirmé", "nous a dit", "déclarent ouvertement, sans honte,", "affirmant", "заявил", "said". */
export const SPEECH = new RegExp(
  [
    `(?<![\\p{L}])(?:(?:nous|m${AP}|lui|leur|vous|me)${SP0})?(?:a|ont|avait|avaient|aurait|auraient)${SP}(?!été)(?:(?:\\p{Ll}+${SP}){0,2})(?:${VERB_FR_FORMS}|fait${SP}état)(?![\\p{L}])`,
    `(?<![\\p{L}-])(?:déclarent|déclare|affirment|affirme|disent|dit|indique|indiquent|annonce|annoncent|assure|assurent|estime|estiment|explique|expliquent|écrit|raconte|prétend|prétendent|confirme|confirment|signale|signalent|affirmant|déclarant|indiquant|assurant|annonçant|expliquant|précisant|soulignant|disant)(?![\\p{L}])`,
    `(?<![\\p{L}])(?:${VERB_RU})\\p{L}*(?![\\p{L}])`,
    `(?<![\\p{L}])(?:has${SP}|had${SP}|have${SP})?(?:${VERB_EN})(?![\\p{L}])`,
  ].join('|'),
  'giu',
);

/** What introduces the statement after the verb: "que", ":", a quote mark, "что", "that". */
export const THAT = new RegExp(
  `^[^.!?]{0,60}?(?<!(?:mesure|afin|bien|alors|tandis|parce|lors|dès|pour|sans|avant|après|ainsi|même|plus|moins|autre|tant|si))(?:${SP}|,)(?:que|qu${AP}|что|that)(?![\\p{L}])|^[^.!?«“]{0,60}?[:«“]`,
  'iu',
);

/** "по его словам", "по официальным данным", "in his words": only the lead word, the rest is the speaker group (the last speaker, the authorities). */
export const LEAD_WORD_ONLY = `по(?=${SP}(?:его|её|ее|их|официальным)${SP}(?:словам|мнению|данным|сведениям))|in(?=${SP}(?:his|her|their)${SP}(?:own${SP})?words)`;
/** Official figures, data or sources name no one but the authorities: "les chiffres officiels", "official figures", "официальным данным". */
export const OFFICIAL_SOURCE: [RegExp, string][] = [
  [/^(?:les?|la)?[\s\u00a0]*(?:chiffres|données|sources|bilans?|statistiques|informations|versions?)[\s\u00a0]+officiel(?:le)?s?$/iu, 'autorités'],
  [/^(?:the[\s\u00a0]+)?official[\s\u00a0]+(?:figures|data|sources|statistics|reports?|tolls?|accounts?)$/iu, 'authorities'],
  [/^официальн\p{L}*[\s\u00a0]+(?:данным|сведениям|цифрам|источникам)$/iu, 'власти'],
];
/** Speakers that are the last one named: "selon ses mots", "selon lui", "according to him", "по его словам". */
export const POSSESSIVE = /^(?:(?:ses|son|leurs?)[\s\u00a0]+(?:mots|propos|termes|dires|paroles)|lui|eux|lui-même|elle-même|eux-mêmes|him|her|them|(?:his|her|their)[\s\u00a0]+(?:own[\s\u00a0]+)?words|(?:его|её|ее|их)[\s\u00a0]+(?:словам|мнению|данным))$/iu;
/** "Officiellement, ...", "Officially ...", "Официально ...": the authorities say so; named in the adverb's language. */
export const OFFICIAL = new RegExp(`^(?:[«“"]${SP0})?(?:(?:Mais|Et|Or|Pourtant|But|And|Yet|Но|А|И),?${SP})?(Officiellement|Officially|Официально)(?![\\p{L}])${SP0},?${SP0}`, 'iu');
export const AUTHORITIES: Record<string, string> = { officiellement: 'autorités', officially: 'authorities', официально: 'власти' };

/** "Selon X, ...", "D'après X, ...", "According to X, ...", "По словам X, ...". */
export const SOURCE_FIRST = new RegExp(
  `^(?:[«“"][\\s\\u00a0]*)?(?:(?:Encore${SP}une${SP}fois|Mais|Et|Or|Ainsi|Officiellement|However|But|Но|А|И),?${SP})?(?:selon|d${AP}après|according${SP}to|по${SP}(?:словам|данным|мнению|информации)|как${SP}(?:заявил|сообщил|сказал)\\p{L}*|${LEAD_WORD_ONLY})${SP}([^,:;]{2,160}?)${SP0}([,:])`,
  'diu',
);
/** "..., selon Wikipedia.", "..., selon les mots de Tokayev lui-même.", "..., according to the ministry.", "..., по словам министра." */
export const SOURCE_LAST = new RegExp(
  `,${SP}(?:selon|d${AP}après|according${SP}to|по${SP}(?:словам|данным|мнению)|${LEAD_WORD_ONLY})${SP}(?:les${SP}(?:mots|propos|termes)${SP}(?:de${SP}|d${AP}|du${SP}))?([^,;:]{2,160}?)[\\s.!?…»”]*$`,
  'diu',
);
/** A day or time after a trailing attribution: "on January 15", "on Friday", "15 января", "le 15 janvier", "mardi". */
export const WHEN_AFTER = `(?:${SP}(?:(?:on|in|at|le|ce|в|во)${SP})?(?:\\d{1,2}${SP}\\p{L}+|\\p{L}+${SP}\\d{1,2}|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|понедельник|вторник|среду|четверг|пятницу|субботу|воскресенье)))?`;
export const SAID_END = `${WHEN_AFTER}[\\s.!?…»”]*$`;
/**
 * The speaker after the statement: "..., the prosecutor's office said on January 15.", "..., said
 * the ministry.", "..., сообщила Генпрокуратура 15 января.", "..., a déclaré le ministre.".
 */
export const NOT_SPEAKER_START = /^(?:que|qu['’]|that|что|чтобы|if|si|whether|about|à|to|de|of|о|об|в|на|по|with|avec|с|sur|on|in)(?![\p{L}])/iu;
export const SAID_LAST = [
  new RegExp(`,${SP}([^,;:]{2,80}?)${SP}(?:has${SP}|had${SP})?(?:said|says|stated|added|reported|announced|claimed|wrote|insisted|told${SP}\\p{L}+)${SAID_END}`, 'diu'),
  new RegExp(`,${SP}(?:said|says|added|wrote|reported|announced)${SP}([^,;:]{2,80}?)${SAID_END}`, 'diu'),
  new RegExp(`,${SP}(?:—${SP})?(?:сообщил|заявил|сказал|отметил|написал|рассказал|пояснил|добавил|уточнил|подчеркнул|признал|утверждает|говорит|пишет)\\p{L}*${SP}([^,;:]{2,80}?)${SAID_END}`, 'diu'),
  new RegExp(
    `,${SP}(?:(?:a|ont|avait|avaient)${SP}(?:déclaré|indiqué|affirmé|précisé|ajouté|annoncé|expliqué|assuré|souligné|confirmé|dit|écrit|estimé)|déclare|déclarent|indique|indiquent|affirme|affirment|précise|ajoute|annonce|explique|assure|souligne|confirme|estime|dit|écrit)${SP}([^,;:]{2,80}?)${SAID_END}`,
    'diu',
  ),
];

/** "Comme l'a dit Randolph Bourne: « ... »", "comme l'avait relevé Mikhaïl Bakounine, ...". */
export const AS_SAID = new RegExp(
  `(?:comme|ainsi${SP}que)${SP}(?:l${AP}(?:a|avait|ont|avaient)${SP}(?:dit|écrit|formulé|relevé|souligné|déclaré|noté|rappelé|affirmé)|(?:le|la|les)${SP}(?:dit|disent|écrit|écrivent|affirme|affirment|rappelle|rappellent))${SP}([^,:;«]{2,120}?)${SP0}([,:])`,
  'diu',
);
/** "Dans Anarchist Fighter :" alone at the end of a paragraph: the next paragraph is quoted from it. */
export const INTRO = new RegExp(`^(?:Dans|In|В)${SP}(\\p{Lu}[^,:;.]{1,60}?)${SP0}:${SP0}$`, 'du');
/** "..., comme toutes les sources officielles le disent." */
export const AS_THEY_SAY = new RegExp(`,${SP}comme${SP}([^,;:]{2,100}?)${SP}l(?:e|${AP})${SP0}(?:disent|dit|affirment|affirme|rapportent|rapporte|prétendent|prétend|répètent|répète)[\\s.!…»”]*$`, 'diu');
/** "des rumeurs avaient couru selon lesquelles ...", "une théorie selon laquelle ...". */
export const ACCORDING_WHICH = new RegExp(`${SP}selon${SP}(?:laquelle|lequel|lesquelles|lesquels)${SP}`, 'iu');
/** "« ... », a-t-il dit, « ... »". */
export const INCISE = new RegExp(
  `[»”]${SP0},${SP}(?:a-t-(?:il|elle)|ont-(?:ils|elles|iels)|avait-(?:il|elle))${SP}(?:dit|déclaré|ajouté|répondu|expliqué|affirmé|précisé|crié|lancé)`,
  'iu',
);
/** "Lae photographe : « ... »": a short speaker before a colon and a quote. */
export const SPEAKER_QUOTE = /^((?:[^\s.:!?«»]+[\s\u00a0]+){0,2}[^\s.:!?«»]+)[\s\u00a0]*:[\s\u00a0]*[«“]/u;

export const FIRST_PERSON = /^(?:moi|nous|je|j['’]|me|m['’]|on|vous|toi|I|we|you|я|мы|вы|нас|меня|мне|вас)(?![\p{L}])/iu;
export const PRONOUN = /^(?:il|elle|ils|elles|iels|he|she|they|он|она|они)$/iu;
export const RELATIVE = /^(?:laquelle|lequel|lesquelles|lesquels|which|whom|которо\p{L}*|которы\p{L}*)$/iu;
/** A "speaker" that is only small words ("Comme le", "Ici"). */
export const FUNCTION_WORD = /^(?:(?:comme|ici|là|alors|ainsi|mais|et|puis|le|la|les|l['’]|un|une|des|ce|cela|ça|tout|tous|it|this|that|there|это|так|как)(?:[\s\u00a0]+|$))+$/iu;
export const PREPOSITION = /^(?:sur|dans|à|en|pour|par|avec|sans|sous|depuis|après|avant|pendant|chez|vers|entre|on|in|at|by|with|from|в|на|по|с|из|от)(?![\p{L}])/iu;
export const ARTICLE = /^(?:(?:le|la|les|un|une|des|the|a|an)[\s\u00a0]+|l['’])/iu;
export const CONNECTOR = /^(?:(?:mais|et|or|puis|alors|ensuite|ainsi|cependant|pourtant|enfin|donc|but|and|so|then|но|а|и|однако)[\s\u00a0,]+)?(?:(?:officiellement|officially|официально)[\s\u00a0,]+)?/iu;
/** A role written after the name, between commas: "Zhanbolat Mamay, journaliste politique,", "X, a political journalist,". */
export const ROLE_AFTER = /^[\s\u00a0]*,[\s\u00a0]*(\p{Ll}[\p{L}'’-]*(?:[\s\u00a0]+[\p{L}][\p{L}'’-]*){0,5})[\s\u00a0]*,?[\s\u00a0]*$/u;
/** A role right after "Selon X,": a few words, then a comma and the statement. */
export const ROLE_LEAD = /^[\s\u00a0]*(\p{Ll}[\p{L}'’-]*(?:[\s\u00a0]+[\p{L}][\p{L}'’-]*){0,4})[\s\u00a0]*,[\s\u00a0]+(?=\S+[\s\u00a0]+\S)/u;
/** Words of a clause, not of a role: "journalistes et policiers ont été blessés," is the statement. */
export const AUXILIARY = /(?:^|[\s\u00a0])(?:a|ont|est|sont|été|était|étaient|avait|avaient|fut|furent|sera|seront|has|have|had|is|are|was|were|been|will|был|была|были|было|будет)(?=[\s\u00a0]|$)/iu;
/** First words of an aside that is not a role: a clause, a pronoun, a preposition, an adverb ("de son côté", "however", "в свою очередь"). */
export const NOT_ROLE =
  /^(?:qui|que|qu['’]|dont|où|lui|elle|eux|who|which|whose|that|he|she|they|который|которая|которые|он|она|они|de|du|à|au|en|pour|par|dans|sur|quant|selon|d['’]après|of|in|on|for|by|at|as|according|в|во|на|по|с|со|для|как|cependant|toutefois|pourtant|également|aussi|ensuite|enfin|alors|however|also|too|though|then|meanwhile|тоже|также|однако|впрочем|же|затем)$/iu;
/** Words that start a subject phrase (not a complement: "de l'Intérieur" is not the subject). */
export const DETERMINER = new RegExp(`(?<![\\p{L}])(?:(?<!(?<![\\p{L}])(?:de|du|des|d['’]|à|au|aux|en|par|sur|pour)${SP})(?:le|la|les|l['’]|un|une|des|certains|certaines|ces|ce|cette|mon|ma|mes|son|sa|ses|leur|leurs|plusieurs|the|a|an|some))(?![\\p{L}])`, 'giu');
