/** MIME type carried by a field dragged from the field panel into a condition group. */
export const FIELD_DRAG_TYPE = 'application/x-segmentflow-field'
