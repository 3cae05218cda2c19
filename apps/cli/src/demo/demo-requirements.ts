// The demo project's requirements. A .ts module rather than a .md file: the CLI ships as one
// webpack bundle, and a string export needs no asset copying or loader to travel with it.

/** Name the demo project is submitted under. */
export const DEMO_NAME = 'Shed: a neighbourhood tool library';

/** A realistic small product, sized so every agent has something to say. */
export const DEMO_REQUIREMENTS = `# Shed: a neighbourhood tool library

## Context
The Riverside Residents' Association runs a tool library from a garden shed: about 250 items
(drills, ladders, a pressure washer, a tile cutter, camping gear) lent to roughly 400 member
households. Today it runs on a paper ledger and a WhatsApp group. Items go missing, nobody knows
what is available, and the four volunteer "shed keepers" spend their Saturday opening hour
untangling double bookings. The association wants a small web app; budget is tight and the people
who maintain it will be volunteers.

## Users
- **Members**: browse the catalogue, reserve items, pick them up and return them.
- **Shed keepers** (volunteers): hand out and take back items, record condition, manage the catalogue.
- **Coordinator** (one person): manages members and keepers, sees usage reports.

## Must have
1. Catalogue with photo, description, category, condition notes and safety notes per item;
   search by name and filter by category and availability.
2. Reservations for a date range (at most 7 days, at most 3 items at once per member); the
   calendar shows when an item is free. No double bookings, even when two members click at once.
3. Check-out and check-in at the shed on a phone: scan the item's QR label, confirm the member,
   record condition on return (ok / needs cleaning / damaged, with a photo when damaged).
4. Reminders by email the day before pick-up and the day before return; a daily overdue list
   for keepers; a member with an item more than 7 days overdue cannot reserve.
5. Membership: sign-up with email verification; the coordinator approves new members (address
   inside the neighbourhood) and can suspend one. Keepers are members with an extra role.
6. Reports for the coordinator: loans per month, most and least used items, overdue rate,
   damaged items; export as CSV.

## Should have
- A waiting list per item: when it is returned, the next member is offered it for 24 hours.
- Keepers can mark an item "in repair" with a note; it disappears from reservations until fixed.
- Simple donation log (who gave what, when) for the annual report.

## Non-functional
- Works well on a mid-range phone over a weak mobile connection (the shed has one bar of 4G).
- Accessible: WCAG 2.1 AA; usable by older members with large text settings.
- Privacy: members' addresses and phone numbers visible only to keepers and the coordinator;
  GDPR deletion on request; no third-party tracking.
- Cheap to run: under 20 EUR per month hosting; one-command deploy; daily backup.
- Maintainable by volunteers with ordinary web skills; clear docs for the next maintainer.

## Out of scope
- Payments or deposits (the library is free).
- A native mobile app.
- Delivery of items.

## Success after six months
- 80 % of loans booked in the app; double bookings near zero.
- Overdue loans down by half; lost items fewer than 5 per year.
- Keepers spend under 10 minutes of admin per opening hour.
`;
