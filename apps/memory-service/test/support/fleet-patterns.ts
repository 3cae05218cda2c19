/**
 * The pooling scenario's texts (search-pooling and search-siblings specs): a request about a GPS
 * fleet, the fleet project's QA plan that shares almost no word with it, and patterns of other
 * projects that are each closer to the request than that QA plan (hashed embedder: 0.20-0.35).
 */
export const FLEET_REQUEST = 'track delivery vans by GPS';
export const FLEET_QA_TEXT =
  'Test plan: battery drain, lost signal in tunnels, clock skew between trackers.';
export const CLOSER_OTHERS: readonly string[] = [
  'Delivery notifications by email when a parcel ships.',
  'A website to rent vans by the day.',
  'Delivery slots for grocery orders.',
  'Vans for hire with drivers.',
  'GPS watches for runners.',
  'Track and field results site.',
  'Parcel delivery price calculator.',
  'Electric vans charging stations map.',
];
