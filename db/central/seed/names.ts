import type { Weighted } from './random.js';

/**
 * Names and places of the demo practice's clients: Cork and its towns, and an owner list as
 * varied as the city's. Lists are written as comma-separated text to keep the file readable.
 */

function list(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export const FIRST_NAMES: readonly string[] = list(`
  Aoife, Siobhán, Niamh, Ciara, Sinéad, Orla, Róisín, Gráinne, Aisling, Caoimhe, Saoirse, Clodagh,
  Deirdre, Mary, Catherine, Margaret, Anne, Sarah, Emma, Laura, Rachel, Sophie, Chloe, Grace, Hannah,
  Emily, Lucy, Katie, Julie, Helen, Seán, Ciarán, Pádraig, Cian, Darragh, Eoin, Oisín, Colm, Dónal,
  Fionn, Conor, Declan, Brendan, Kevin, Michael, John, Patrick, James, David, Thomas, Mark, Paul, Brian,
  Niall, Shane, Gavin, Barry, Stephen, Liam, Jack, Agnieszka, Katarzyna, Piotr, Tomasz, Marta, Łukasz,
  Jonas, Rūta, Andrei, Elena, Priya, Arjun, Ananya, Rahul, Mei, Wei, Yuki, Chidi, Ngozi, Oluwaseun,
  Amara, Tariq, Fatima, Omar, Lucas, Gabriela, Mateus, Camila, Juan, Sofía, Marco, Giulia, François,
  Amélie, Hans, Ingrid, Zoë, Noah, Isla, Freya
`);

export const LAST_NAMES: readonly string[] = list(`
  Murphy, Kelly, O'Sullivan, Walsh, Smith, O'Brien, Byrne, Ryan, O'Connor, O'Neill, Reilly, Doyle,
  McCarthy, Gallagher, Doherty, Kennedy, Lynch, Murray, Quinn, Moore, McLoughlin, O'Carroll, Connolly,
  Daly, O'Connell, Wilson, Dunne, Brennan, Burke, Collins, Campbell, Clarke, Johnston, Hughes, O'Farrell,
  Fitzgerald, Brown, Martin, Maguire, Nolan, Flynn, Thompson, O'Callaghan, O'Donnell, Duffy, O'Mahony,
  Buckley, Cronin, Crowley, Twomey, Ó Súilleabháin, Mac Carthaigh, Ní Bhriain, de Búrca, Fitzpatrick,
  Hegarty, Coughlan, Desmond, Kiely, Lehane, Kowalski, Nowak, Wiśniewska, Lewandowski, Kazlauskas,
  Popescu, Ivanova, Horváth, Novák, Silva, Santos, Oliveira, García, Fernández, Rossi, Bianchi, Dubois,
  Müller, Schmidt, Jensen, Patel, Sharma, Singh, Khan, Ahmed, Chen, Wang, Li, Nguyen, Tanaka, Okafor,
  Adeyemi, Mensah, Mbeki, Haddad, Cohen, Van der Berg, Andersson, MacDonald, Taylor
`);

export const STREETS: readonly string[] = list(`
  Main Street, Church Road, Station Road, Western Road, Douglas Road, Blackrock Road, College Road,
  Summerhill, Patrick Street, Oliver Plunkett Street, Grand Parade, Sundays Well Road, Model Farm Road,
  Togher Road, Mallow Road, Ashgrove Park, Woodlawn, The Paddocks, Meadow Court, Orchard Grove,
  Riverside Drive, Castle Street, Bridge Street, Mill Lane, Kiln Road, Harbour View, Strand Road
`);

export const PET_NAMES: readonly string[] = list(`
  Bella, Max, Luna, Charlie, Lola, Buddy, Daisy, Milo, Molly, Rocky, Coco, Bailey, Ruby, Teddy, Rosie,
  Oscar, Lucy, Toby, Millie, Alfie, Poppy, Bruno, Nala, Finn, Misty, Shadow, Smokey, Tigger, Simba, Oreo,
  Ginger, Pepper, Willow, Jasper, Rusty, Sooty, Bonnie, Murphy, Paddy, Sasha, Holly, Ziggy, Biscuit,
  Honey, Maple, Pickle, Pudding, Mochi, Loki, Thor, Cleo, Ollie, Archie, Bramble, Hazel, Juno, Kiwi,
  Nemo, Peanut, Pip, Scout, Skye, Sunny, Winnie, Zara, Bran, Fionn, Setanta, Bláithín, Cáca, Duke, Lady
`);

/** Towns the practice draws clients from, with their Eircode routing keys. */
export const TOWNS: Weighted<{ city: string; routingKey: string }> = [
  [{ city: 'Cork', routingKey: 'T12' }, 30],
  [{ city: 'Cork', routingKey: 'T23' }, 20],
  [{ city: 'Ballincollig', routingKey: 'P31' }, 10],
  [{ city: 'Carrigaline', routingKey: 'P43' }, 8],
  [{ city: 'Cobh', routingKey: 'P24' }, 6],
  [{ city: 'Midleton', routingKey: 'P25' }, 6],
  [{ city: 'Blarney', routingKey: 'T23' }, 5],
  [{ city: 'Kinsale', routingKey: 'P17' }, 4],
  [{ city: 'Macroom', routingKey: 'P12' }, 3],
  [{ city: 'Bandon', routingKey: 'P72' }, 3],
  [{ city: 'Mallow', routingKey: 'P51' }, 3],
  [{ city: 'Fermoy', routingKey: 'P61' }, 2],
];

/** The letters and digits Eircodes use (no vowels-as-words, no look-alikes). */
export const EIRCODE_CHARS = 'ACDEFHKNPRTVWXY0123456789';

// Reserved example domains only: a demo that sends mail must never reach a real person.
export const EMAIL_DOMAINS: readonly string[] = [
  'example.com',
  'example.net',
  'example.org',
  'mail.example',
  'post.example',
];
