/** Dates, bank holidays and working days: pure functions shared by the services and the screens. */
export * from './isoDate';
export * from './bankHolidays';
export { easterSunday, standardBankHolidays } from './bankHolidayRules';
export * from './workingDays';
export * from './entry';
