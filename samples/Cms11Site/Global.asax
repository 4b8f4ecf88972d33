<%@ Application Codebehind="Global.asax.cs" Inherits="Cms11Site.EPiServerApplication" Language="C#" %>
