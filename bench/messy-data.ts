// Realistic messy CSVs for the bench, generated (the project stands alone: no downloads). Each is modelled
// on a public data set, with its columns, value ranges, class sizes, correlations and blanks, not its rows:
// palmerpenguins, vega's "cars" (auto-mpg) and vega's "seattle-weather". Deterministic: a seeded PRNG,
// never Math.random, so every bench run sees the same bytes.

/** What each column is for; the label is the class to learn, `ignore` columns are identifiers or free text. */
export interface Roles {
  readonly label: string;
  readonly numbers: readonly string[];
  readonly categories: readonly string[];
  readonly dates: readonly string[];
  readonly ignore: readonly string[];
}

/** One generated file as the bench passes it around. */
export interface MessyFile {
  readonly name: string;
  readonly csv: string;
  readonly roles: Roles;
}

/** mulberry32 with a Box–Muller normal sampler: small, fast and good enough for test data. */
class Prng {
  private state: number;
  private spare: number | undefined;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  normal(mean = 0, sd = 1): number {
    if (this.spare !== undefined) {
      const z = this.spare;
      this.spare = undefined;
      return mean + sd * z;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - this.uniform()));
    const angle = 2 * Math.PI * this.uniform();
    this.spare = radius * Math.sin(angle);
    return mean + sd * radius * Math.cos(angle);
  }

  chance(p: number): boolean {
    return this.uniform() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.uniform() * items.length)];
  }

  /** Fisher–Yates, in place. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.uniform() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }

  /** `count` distinct indices below `length`, never `except`. */
  sample(length: number, count: number, except = -1): Set<number> {
    const indices = Array.from({ length }, (_, i) => i).filter((i) => i !== except);
    return new Set(this.shuffle(indices).slice(0, count));
  }
}

/** A number with `digits` decimals, never "-0.0". */
function fixed(value: number, digits: number): string {
  const text = value.toFixed(digits);
  return Number(text) === 0 ? (0).toFixed(digits) : text;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value));
}

/** A comma-separated list written over several lines, as a tidy table of names. */
function list(text: string): string[] {
  return text.split(',').map((item) => item.trim().replace(/\s+/g, ' '));
}

function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const quote = (cell: string) => (/[",\n\r]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  return `${[header, ...rows].map((row) => row.map(quote).join(',')).join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------
// Penguins: palmerpenguins (Gorman et al. 2014), 344 birds. Per species and sex: bill length, bill depth,
// flipper length, body mass as [mean, sd] pairs, the published group figures rounded.
type Sex = 'male' | 'female';
const PENGUIN_SIZES: Record<string, Record<Sex, readonly number[]>> = {
  Adelie: {
    male: [40.4, 2.3, 19.1, 1.0, 192.4, 6.6, 4043, 347],
    female: [37.3, 2.0, 17.6, 0.9, 187.8, 5.6, 3369, 269],
  },
  Chinstrap: {
    male: [51.1, 1.6, 19.3, 0.8, 199.9, 6.0, 3939, 362],
    female: [46.6, 3.1, 17.6, 0.8, 191.7, 5.8, 3527, 285],
  },
  Gentoo: {
    male: [49.5, 2.7, 15.7, 0.7, 221.5, 5.7, 5485, 313],
    female: [45.6, 2.1, 14.2, 0.5, 212.7, 3.9, 4680, 282],
  },
};

/** The real file's blocks, in its order: [species, island, year, birds]. Adelie lives on all three islands. */
const PENGUIN_BLOCKS: readonly [string, string, number, number][] = [
  ['Adelie', 'Torgersen', 2007, 20],
  ['Adelie', 'Biscoe', 2007, 10],
  ['Adelie', 'Dream', 2007, 20],
  ['Adelie', 'Biscoe', 2008, 18],
  ['Adelie', 'Dream', 2008, 16],
  ['Adelie', 'Torgersen', 2008, 16],
  ['Adelie', 'Biscoe', 2009, 16],
  ['Adelie', 'Dream', 2009, 20],
  ['Adelie', 'Torgersen', 2009, 16],
  ['Gentoo', 'Biscoe', 2007, 34],
  ['Gentoo', 'Biscoe', 2008, 46],
  ['Gentoo', 'Biscoe', 2009, 44],
  ['Chinstrap', 'Dream', 2007, 26],
  ['Chinstrap', 'Dream', 2008, 18],
  ['Chinstrap', 'Dream', 2009, 24],
];

export const penguinsRoles: Roles = {
  label: 'species',
  numbers: ['bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g', 'year'],
  categories: ['island', 'sex'],
  dates: [],
  ignore: [],
};

/** 344 rows: Adelie 152, Gentoo 124, Chinstrap 68; two birds unmeasured, 11 of unknown sex (as the real file). */
export function penguinsCsv(seed = 1): string {
  const rng = new Prng(seed);
  const rows: string[][] = [];
  for (const species of ['Adelie', 'Gentoo', 'Chinstrap']) {
    const blocks = PENGUIN_BLOCKS.filter((block) => block[0] === species);
    const birds = blocks.reduce((sum, block) => sum + block[3], 0);
    const sexes = rng.shuffle(Array.from({ length: birds }, (_, i): Sex => (i % 2 ? 'female' : 'male')));
    // The real file: Adelie's 4th bird and Gentoo's last were never measured; 11 birds' sex is unknown.
    const unmeasured = species === 'Adelie' ? 3 : species === 'Gentoo' ? birds - 1 : -1;
    const unsexed = rng.sample(birds, species === 'Adelie' ? 5 : species === 'Gentoo' ? 4 : 0, unmeasured);
    if (unmeasured >= 0) unsexed.add(unmeasured);
    let bird = 0;
    for (const [, island, year, count] of blocks) {
      for (let i = 0; i < count; i++, bird++) {
        const sex = sexes[bird];
        const sizes = PENGUIN_SIZES[species][sex];
        // One size factor per bird: its four measurements correlate (r ≈ 0.35 within species and sex).
        const size = rng.normal();
        const measure = (k: number) => sizes[2 * k] + sizes[2 * k + 1] * (0.6 * size + 0.8 * rng.normal());
        const cells =
          bird === unmeasured
            ? ['', '', '', '']
            : [
                fixed(measure(0), 1),
                fixed(measure(1), 1),
                fixed(measure(2), 0),
                String(Math.round(measure(3) / 25) * 25),
              ];
        rows.push([species, island, ...cells, unsexed.has(bird) ? '' : sex, String(year)]);
      }
    }
  }
  const header = ['species', 'island', 'bill_length_mm', 'bill_depth_mm', 'flipper_length_mm', 'body_mass_g'];
  return toCsv([...header, 'sex', 'year'], rows);
}

// ---------------------------------------------------------------------------------------------------
// Cars: vega's cars.json (the UCI auto-mpg cars plus the 8 without mpg), 406 cars of model years 1970–1982.
type Origin = 'USA' | 'Europe' | 'Japan';

/** Cars per model year and origin, as the real file: [year, USA, Europe, Japan]. */
const CAR_YEARS: readonly [number, number, number, number][] = [
  [1970, 27, 6, 2],
  [1971, 20, 5, 4],
  [1972, 18, 5, 5],
  [1973, 29, 7, 4],
  [1974, 15, 6, 6],
  [1975, 20, 6, 4],
  [1976, 22, 8, 4],
  [1977, 18, 4, 6],
  [1978, 22, 6, 8],
  [1979, 23, 4, 2],
  [1980, 7, 9, 13],
  [1981, 13, 5, 12],
  [1982, 20, 2, 9],
];

interface Engine {
  readonly sizes: readonly number[];
  readonly hpPerCubicInch: number;
  readonly names: readonly string[];
}

/**
 * Per origin and cylinders: engine sizes (cubic inches) in use, horsepower per cubic inch, and names.
 * Weight follows displacement (US cars heavier for their engine), mpg follows weight and model year.
 */
const ENGINES: Record<string, Engine> = {
  'USA 8': {
    sizes: [302, 318, 350, 351, 360, 400, 304, 305, 307, 383, 429, 440, 455, 260, 318, 350, 302],
    hpPerCubicInch: 0.5,
    names:
      list(`chevrolet impala, chevrolet caprice classic, chevrolet chevelle malibu, chevrolet monte carlo,
      ford galaxie 500, ford ltd, ford gran torino, ford thunderbird, plymouth fury iii,
      plymouth satellite, dodge monaco, dodge coronet, pontiac catalina, pontiac grand prix,
      buick electra 225, buick century, oldsmobile delta 88, oldsmobile cutlass supreme,
      mercury marquis, amc ambassador, amc matador, chrysler new yorker, chevrolet camaro, ford mustang,
      dodge challenger se, cadillac eldorado`),
  },
  'USA 6': {
    sizes: [198, 200, 225, 231, 232, 250, 258, 173, 229, 250, 225, 200],
    hpPerCubicInch: 0.43,
    names: list(`amc hornet, amc gremlin, amc concord, amc pacer, ford maverick, ford granada, ford fairmont,
      chevrolet nova, chevrolet malibu, chevrolet citation, plymouth valiant, plymouth duster,
      dodge dart, dodge aspen, plymouth volare, buick skylark, pontiac phoenix, oldsmobile omega,
      mercury zephyr, mercury monarch`),
  },
  'USA 4': {
    sizes: [98, 140, 151, 122, 97, 135, 105, 112, 119, 140, 151, 98],
    hpPerCubicInch: 0.6,
    names:
      list(`ford pinto, chevrolet vega, chevrolet chevette, chevrolet monza, ford mustang ii, ford escort,
      ford fiesta, plymouth horizon, dodge omni, plymouth reliant, dodge aries, pontiac sunbird,
      pontiac astre, buick skyhawk, amc spirit, mercury bobcat, mercury lynx, chevrolet cavalier`),
  },
  'Europe 4': {
    sizes: [97, 90, 121, 120, 116, 107, 79, 68, 104, 141, 130, 97, 89, 121],
    hpPerCubicInch: 0.72,
    names: list(`volkswagen 1131 deluxe sedan, volkswagen super beetle, volkswagen dasher, volkswagen rabbit,
      volkswagen scirocco, volkswagen jetta, peugeot 504, peugeot 304, peugeot 505s, fiat 124b,
      fiat 128, fiat 131, fiat strada, volvo 145e, volvo 244dl, renault 12tl, renault 5 gtl,
      renault lecar, renault 18i, audi 100ls, audi fox, audi 4000, saab 99le, saab 900s, opel 1900,
      opel manta, bmw 2002, bmw 320i, triumph tr7, citroen ds-21 pallas, mercedes-benz 240d`),
  },
  'Europe 5': {
    sizes: [131, 121, 183],
    hpPerCubicInch: 0.6,
    names: list(`audi 5000, audi 5000s (diesel), mercedes 300d`),
  },
  'Europe 6': {
    sizes: [168, 163, 163],
    hpPerCubicInch: 0.75,
    names: list(`mercedes-benz 280s, peugeot 604sl, volvo 264gl`),
  },
  'Japan 3': {
    sizes: [70, 70, 80],
    hpPerCubicInch: 1.3,
    names: list(`mazda rx2 coupe, mazda rx3, mazda rx-4, mazda rx-7 gs`),
  },
  'Japan 4': {
    sizes: [97, 71, 72, 76, 79, 85, 86, 91, 107, 108, 113, 119, 120, 134, 144, 156, 98, 97, 91, 85],
    hpPerCubicInch: 0.78,
    names:
      list(`toyota corolla, toyota corona, toyota celica gt, toyota carina, toyota tercel, toyota starlet,
      datsun pl510, datsun 510, datsun b210, datsun 710, datsun 200sx, datsun 310, datsun 210,
      honda civic, honda civic cvcc, honda accord, honda prelude, mazda 626, mazda glc, mazda 808,
      subaru dl, subaru, dodge colt, plymouth arrow gs, plymouth champ, nissan stanza xe`),
  },
  'Japan 6': {
    sizes: [146, 156, 168, 168],
    hpPerCubicInch: 0.72,
    names: list(`datsun 810, datsun 280-zx, toyota cressida, toyota mark ii`),
  },
};

/** Trims and body styles: most names carry one, which makes Name nearly unique, as the real column. */
const TRIMS = list(`custom, (sw), deluxe, brougham, dl, gl, sx, 2+2, hatchback, sport, gt, ls, se, landau,
  limited, classic, diesel, coupe, sedan, wagon, 2dr, 4dr, lx, gls, special, xe`);

export const carsRoles: Roles = {
  label: 'Origin',
  numbers: ['Miles_per_Gallon', 'Cylinders', 'Displacement', 'Horsepower', 'Weight_in_lbs', 'Acceleration'],
  categories: [],
  dates: ['Year'],
  ignore: ['Name'],
};

function cylinders(rng: Prng, origin: Origin, year: number): number {
  const u = rng.uniform();
  // US V8s fade out after the 1979 fuel crisis.
  if (origin === 'USA')
    return year <= 1979 ? (u < 0.48 ? 8 : u < 0.78 ? 6 : 4) : u < 0.04 ? 8 : u < 0.49 ? 6 : 4;
  if (origin === 'Europe') return u < 0.04 ? 5 : u < 0.1 ? 6 : 4;
  return u < 0.075 ? 6 : 4;
}

/** The real file's four three-"cylinder" cars: Mazda's rotaries, one Japanese car in each of these years. */
const ROTARY_YEARS = [1972, 1973, 1977, 1980];

/** 406 rows: USA 254, Europe 73, Japan 79; 8 blank mpg (mostly 1970), 6 blank horsepower; Name is an identifier. */
export function carsCsv(seed = 2): string {
  const rng = new Prng(seed);
  const rows: string[][] = [];
  for (const [year, ...counts] of CAR_YEARS) {
    const origins = (['USA', 'Europe', 'Japan'] as const).flatMap((origin, i) =>
      Array<Origin>(counts[i]).fill(origin),
    );
    // As in the real file: six 1970 cars, one 1971 and one 1981 have no mpg; six scattered cars no horsepower.
    const noMpg = rng.sample(origins.length, year === 1970 ? 6 : year === 1971 || year === 1981 ? 1 : 0);
    const noHp = rng.sample(
      origins.length,
      [1971, 1974, 1981, 1982].includes(year) ? 1 : year === 1980 ? 2 : 0,
    );
    let rotary = ROTARY_YEARS.includes(year);
    for (const [i, origin] of rng.shuffle(origins).entries()) {
      const cyl = origin === 'Japan' && rotary ? 3 : cylinders(rng, origin, year);
      if (cyl === 3) rotary = false;
      const engine = ENGINES[`${origin} ${cyl}`];
      const displacement = rng.pick(engine.sizes);
      // US engines lost power to emission controls from 1974 (net horsepower per cubic inch).
      const detuned = origin === 'USA' && year >= 1974 ? 0.92 : 1;
      const hp = Math.round(displacement * engine.hpPerCubicInch * detuned * Math.exp(rng.normal(0, 0.09)));
      const weight = Math.round(
        origin === 'USA'
          ? 1450 + 7.6 * displacement + rng.normal(0, 220)
          : 1000 + 12 * displacement + rng.normal(0, origin === 'Europe' ? 200 : 170),
      );
      // Fuel use per mile grows with weight; each model year about 2.5% further per gallon; 0–60 time ~ lb/hp.
      const originFactor = origin === 'USA' ? 0.98 : 1;
      const mpg = clamp(
        (64000 / weight) * 1.025 ** (year - 1976) * originFactor * Math.exp(rng.normal(0, 0.07)),
        9,
        46.6,
      );
      // Imports are timed slower for their weight per horsepower (smaller, low-torque engines).
      const slower = origin === 'USA' ? 0 : origin === 'Europe' ? 2 : 1.8;
      const acceleration = clamp(2.2 + (0.42 * weight) / hp + slower + rng.normal(0, 1.1), 8, 24.8);
      rows.push([
        rng.pick(engine.names) + (rng.chance(0.6) ? ` ${rng.pick(TRIMS)}` : ''),
        noMpg.has(i) ? '' : fixed(mpg, year < 1977 ? 0 : 1), // the early years' figures are whole numbers
        String(cyl),
        String(displacement),
        noHp.has(i) ? '' : String(hp),
        String(weight),
        fixed(acceleration, 1),
        `${year}-01-01`,
        origin,
      ]);
    }
  }
  const header = list(`Name, Miles_per_Gallon, Cylinders, Displacement, Horsepower, Weight_in_lbs,
    Acceleration, Year, Origin`);
  return toCsv(header, rows);
}

// ---------------------------------------------------------------------------------------------------
// Weather: vega's seattle-weather, daily 2012–2015 at Sea-Tac. Precipitation is whole hundredths of an inch
// in mm, temperatures whole °F in °C, as the source's. Its labels change character: until early 2013 a dry
// day may be labelled rain, drizzle or fog and a wet one drizzle; afterwards wet days are rain (or snow)
// and dry days sun or, now and then, fog. That is what limits every classifier on it.
export const weatherRoles: Roles = {
  label: 'weather',
  numbers: ['precipitation', 'temp_max', 'temp_min', 'wind'],
  categories: [],
  dates: ['date'],
  ignore: [],
};

const DAY_MS = 86_400_000;

/** °C rounded from a whole °F, as the source's: 12.8, 13.3, 13.9… */
function celsius(value: number): string {
  return fixed(((Math.round((value * 9) / 5 + 32) - 32) * 5) / 9, 1);
}

/** A wet day's total in hundredths of an inch: log-normal, its tail cut at the record's ~2.2 inches. */
function rainHundredths(rng: Prng, median: number): number {
  for (;;) {
    const amount = Math.max(1, Math.round(Math.exp(rng.normal(Math.log(median), 1.1))));
    if (amount <= 220) return amount;
  }
}

/** 1,461 days (2012-01-01 … 2015-12-31): sun ~640, rain ~640, fog ~100, drizzle ~50, snow ~25; ~2% blank wind. */
export function weatherCsv(seed = 3): string {
  const rng = new Prng(seed);
  const rows: string[][] = [];
  const start = Date.UTC(2012, 0, 1);
  let wet = false;
  let anomaly = 0; // the weather's memory: a warm or cold spell, °C, AR(1)
  let coldSnap = 0; // days left of an arctic outbreak
  for (let day = 0; day < 1461; day++) {
    const date = new Date(start + day * DAY_MS);
    const dayOfYear = (date.getTime() - Date.UTC(date.getUTCFullYear(), 0, 1)) / DAY_MS;
    const summer = Math.cos((2 * Math.PI * (dayOfYear - 205)) / 365.25); // 1 in late July, −1 in mid-January
    const winter = (1 - summer) / 2;
    if (coldSnap > 0) coldSnap--;
    else if (winter > 0.8 && rng.chance(0.008)) coldSnap = 3 + Math.floor(rng.uniform() * 5);
    // Wet spells persist: a Markov chain whose long-run wet share is p (0.17 in summer, 0.77 in winter).
    const p = 0.17 + 0.6 * winter;
    wet = rng.chance(wet ? p + 0.35 * (1 - p) : p * 0.65);
    const precipitation = wet ? Math.round(rainHundredths(rng, 7 + 11 * winter) * 2.54) / 10 : 0;
    anomaly = 0.7 * anomaly + rng.normal(0, 1.8 + 0.8 * (1 - winter));
    const spell = anomaly - (coldSnap > 0 ? 5 : 0);
    // Clouds: a wet day is cooler by day (much cooler in summer) and, in winter, milder by night.
    const tMax = 17.2 + 9 * summer + spell + (wet ? -1 - 3 * (1 - winter) : 0) + rng.normal(0, 1.6);
    const tMin = Math.min(
      tMax - 1,
      8.3 + 5.6 * summer + 0.6 * spell + (wet ? 1.2 : -1.5) * winter + rng.normal(0, 1.3),
    );
    const windMedian = 2.5 + 0.5 * winter + (wet ? 0.6 + 0.04 * precipitation : 0);
    const wind = clamp(Math.exp(rng.normal(Math.log(windMedian), 0.33)), 0.4, 9.5);
    // Early labels call a cold wet day snow readily; later ones only a freezing one.
    const early = date.getTime() < Date.UTC(2013, 2, 1);
    const snow = wet && (early ? tMin <= 2.5 && tMax <= 8.5 : tMin <= -0.5 && tMax <= 5.5);
    const u = rng.uniform();
    let weather: string;
    if (snow) weather = early && u < 0.1 ? 'rain' : 'snow';
    else if (wet) weather = early && u < (precipitation < 3 ? 0.18 : 0.09) ? 'drizzle' : 'rain';
    else if (early) weather = u < 0.17 ? 'rain' : u < 0.28 ? 'drizzle' : u < 0.41 ? 'fog' : 'sun';
    else {
      const fog = (0.06 + 0.2 * winter) * (wind < 2.5 ? 1.5 : 0.7);
      weather = u < fog ? 'fog' : winter < 0.3 && u < fog + 0.012 ? 'drizzle' : 'sun';
    }
    rows.push([
      date.toISOString().slice(0, 10),
      fixed(precipitation, 1),
      celsius(tMax),
      celsius(tMin),
      rng.chance(0.02) ? '' : fixed(wind, 1),
      weather,
    ]);
  }
  return toCsv(['date', 'precipitation', 'temp_max', 'temp_min', 'wind', 'weather'], rows);
}

/** The three files with their roles, as the bench and its scikit-learn peer take them. */
export function messyFiles(): MessyFile[] {
  return [
    { name: 'penguins', csv: penguinsCsv(), roles: penguinsRoles },
    { name: 'cars', csv: carsCsv(), roles: carsRoles },
    { name: 'seattle-weather', csv: weatherCsv(), roles: weatherRoles },
  ];
}
