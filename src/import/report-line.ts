/**
 * One line of the import report (issue #20): the entity and object it is about, the field when it
 * is one field, and why ccac does not hold it or what to do about it.
 */
export interface ReportLine {
  entity: string;
  name: string;
  field?: string;
  why: string;
}
