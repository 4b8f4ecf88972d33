variable "prefix" {
  type    = string
  default = "contoso"
}

variable "websockets_enabled" {
  type        = bool
  description = "Turn on Web sockets for the CMS"
  default     = false
}
