/**
 * Telephony options by country of operation, from the services setup wizard's table
 * (seed 001, "Регион / Тип телефонии"): North America and EMEA/LATAM/APJC offer Webex Calling,
 * external telephony via Webex Calling PSTN services, and VPOP; row 3, "Gulf region (Turkey,
 * Jordan, Bahrain, Kuwait, Oman), southern part of Africa", offers only the first two.
 */

/** A region of row 3 of the table: VPOP cannot be chosen there. */
export interface NoVpopRegion {
  name: string;
  /** ISO 3166-1 alpha-2 codes. */
  countries: readonly string[];
}

export const NO_VPOP_REGIONS: readonly NoVpopRegion[] = [
  // Exactly the five countries the seed names.
  { name: 'Gulf region', countries: ['TR', 'JO', 'BH', 'KW', 'OM'] },
  // The seed says only "southern part of Africa" (южная часть Африки). We read it as the 16
  // member states of the Southern African Development Community (SADC), which include the five
  // countries of the UN's "Southern Africa" subregion (BW, LS, NA, SZ, ZA).
  {
    name: 'southern Africa',
    countries: [
      'AO', // Angola
      'BW', // Botswana
      'CD', // Democratic Republic of the Congo
      'KM', // Comoros
      'LS', // Lesotho
      'MG', // Madagascar
      'MU', // Mauritius
      'MW', // Malawi
      'MZ', // Mozambique
      'NA', // Namibia
      'SC', // Seychelles
      'SZ', // Eswatini
      'TZ', // Tanzania
      'ZA', // South Africa
      'ZM', // Zambia
      'ZW', // Zimbabwe
    ],
  },
];

const REGION_BY_COUNTRY: ReadonlyMap<string, NoVpopRegion> = new Map(
  NO_VPOP_REGIONS.flatMap((region) => region.countries.map((country) => [country, region])),
);

/** The region where VPOP is unavailable that a country belongs to, if any. */
export function noVpopRegionOf(country: string): NoVpopRegion | undefined {
  return REGION_BY_COUNTRY.get(country.toUpperCase());
}
