/** A node kind the palette offers: its type (the drag payload) and its button text. */
export interface PaletteKind {
  type: string
  label: string
}

/** MIME type of a palette drag onto the canvas: the payload is the node type. */
export const PALETTE_MIME = 'application/x-segmentflow-node'
