import { useI18n } from 'vue-i18n'

/** Human label of a field: the catalogue's name for known (demo/derived) fields, else the column name as imported. */
export function useFieldLabel() {
  const { t, te } = useI18n()
  return (name: string): string => (te(`fields.${name}`) ? t(`fields.${name}`) : name)
}
