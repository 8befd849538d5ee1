import { defineStore } from 'pinia'
import { ref } from 'vue'

/** The app's one confirmation dialog: `await ask(message)` resolves true when the user confirms. */
export const useDialogStore = defineStore('dialog', () => {
  const message = ref<string | null>(null)
  const confirmLabel = ref('')
  let resolver: ((ok: boolean) => void) | null = null

  function ask(text: string, confirmText = ''): Promise<boolean> {
    resolver?.(false)
    message.value = text
    confirmLabel.value = confirmText
    return new Promise((resolve) => (resolver = resolve))
  }

  function answer(ok: boolean): void {
    resolver?.(ok)
    resolver = null
    message.value = null
  }

  return { message, confirmLabel, ask, answer }
})
