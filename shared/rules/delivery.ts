/**
 * Sending a bundle by email: the size of the delivery parts a bundle is split into (a case setting, this
 * default when it has none) and the mailbox limits people meet, each with where it comes from. The SEND
 * Tribunal's own mailbox limit could not be found in any published text read here (searched 2026-11-30:
 * GOV.UK, justice.gov.uk, IPSEA, SENDIASS and council guides): advice services are said to cite about
 * 36 MB, but no source for that figure was found, so it is not offered as the tribunal's rule. The
 * default stays under every limit found except the County Court's and the Employment Appeal Tribunal's.
 */
import type { DeliveryRules } from './types';

export const DELIVERY_RULES: DeliveryRules = {
  defaultPartSizeMb: 20,
  defaultCitation:
    "The app's default, not a rule of the tribunal: under the 25 MB HMCTS sets for an email with its " +
    'attachments to the civil and family courts, since no published limit for the SEND Tribunal’s mailbox ' +
    'was found (searched 2026-11-30).',
  mailboxes: [
    {
      id: 'hmcts-courts-email',
      label: 'HMCTS civil and family courts (25 MB an email)',
      sizeMb: 25,
      citation:
        'HMCTS, "Email guidance: emailing the civil and family courts" (justice.gov.uk/courts/email-guidance, ' +
        'read 2026-11-30): the total size of an email, including any attachments, must not exceed 25 megabytes.',
    },
    {
      id: 'county-court-email',
      label: 'County Court (10 MB an email)',
      sizeMb: 10,
      citation:
        'Civil Procedure Rules, Practice Direction 5B, para 2.3(d), as quoted by White Collar Legal and ' +
        'Admin (read 2026-11-30): in the County Court the total size of an email, including any ' +
        'attachments, must not exceed 10 megabytes.',
    },
    {
      id: 'eat-email',
      label: 'Employment Appeal Tribunal (10 MB an email)',
      sizeMb: 10,
      citation:
        'Law Society Gazette on J v K & Anor (Court of Appeal), read 2026-11-30: the Employment Appeal ' +
        "Tribunal's server accepted at most 10 megabytes an email.",
    },
  ],
  emailSubjectCitation:
    'The subject line follows the form the tribunal asks parties to use, as SEND Advice Surrey gives it ' +
    '("Once your appeal is registered", read 2026-11-30): hearing date, appeal number, the child’s or ' +
    "young person's full name, then what is sent.",
};
